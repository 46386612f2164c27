package io.logshipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors exit 2 with a message naming the option, before anything talks to Kafka. */
@Timeout(30)
class UsageErrorTest {

    private static final String BS = "127.0.0.1:1";

    private static void assertUsageError(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(expected);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aKafkaSettingTheClientRefusesIsShownWithItsFileAndLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path ini = dir.resolve("agg.ini");
        java.nio.file.Files.writeString(ini, "[broker]\nbootstrap.servers = " + BS + "\n\n[consumer]\nmax.poll.records = lots\n");
        assertUsageError("Invalid value for option '--config': " + ini + ":5: Invalid value lots for configuration "
                + "max.poll.records", "aggregate", "--config", ini.toString(), "--topic", "a", "--no-http");
        assertUsageError(ini + ":5: Invalid value lots", "tail", "--config", ini.toString(), "--topic", "a");
    }

    @Test
    void tailWithoutTopicIsAUsageError() {
        assertUsageError("--topic", "tail", "--bootstrap-server", BS);
    }

    @Test
    void tailWithTopicAndTopicPatternIsAUsageError() {
        assertUsageError("mutually exclusive", "tail", "--bootstrap-server", BS, "--topic", "a", "--topic-pattern", "b.*");
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertUsageError("--format", "tail", "--bootstrap-server", BS, "--topic", "a", "--format", "xml");
    }

    @Test
    void badRegexIsAUsageError() {
        assertUsageError("--grep", "tail", "--bootstrap-server", BS, "--topic", "a", "--grep", "(unclosed");
        assertUsageError("--topic-pattern", "tail", "--bootstrap-server", BS, "--topic-pattern", "[a-");
    }

    @Test
    void negativeOrZeroCountsAreUsageErrors() {
        assertUsageError("--max-messages", "tail", "--bootstrap-server", BS, "--topic", "a", "--max-messages", "-1");
        assertUsageError("--max-messages", "tail", "--bootstrap-server", BS, "--topic", "a", "--max-messages", "0");
        assertUsageError("--timeout-secs", "tail", "--bootstrap-server", BS, "--topic", "a", "--timeout-secs", "-2");
        assertUsageError("--programs", "load", "--bootstrap-server", BS, "--topic", "a", "--programs", "0");
        assertUsageError("--rate", "load", "--bootstrap-server", BS, "--topic", "a", "--rate", "x");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertUsageError("Unknown option: '--bogus'", "tail", "--bootstrap-server", BS, "--topic", "a", "--bogus");
    }

    @Test
    void missingBrokerIsAUsageError() {
        assertUsageError("--bootstrap-server", "tail", "--topic", "a");
        assertUsageError("--bootstrap-server", "topics");
        assertUsageError("--bootstrap-server", "load", "--topic", "a");
    }

    @Test
    void loadWithoutTopicIsAUsageError() {
        assertUsageError("--topic", "load", "--bootstrap-server", BS);
    }

    @Test
    void invalidConfigFileIsAUsageErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("bad.ini");
        Files.writeString(ini, "[broker]\nbootstrap.servers = " + BS + "\nno.such.setting = 1\n");
        assertUsageError("bad.ini:3", "tail", "--config", ini.toString(), "--topic", "a");
        assertUsageError("config file not found", "tail", "--config", dir.resolve("none.ini").toString(), "--topic", "a");
    }

    @Test
    void noCommandIsAUsageError() {
        assertUsageError("missing command");
    }

    @Test
    void helpExitsZero() {
        for (String command : new String[] {"tail", "topics", "load", "aggregate"}) {
            Cli.Result r = Cli.run(command, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Usage: logshipper " + command);
        }
    }

    @Test
    void aggregateHelpDescriptionIsOneParagraphWrappedOnce() {
        Cli.Result r = Cli.run("aggregate", "--help");
        String out = r.out().replace("\r\n", "\n");
        String description = out.substring(out.indexOf("Runs the log aggregation service"), out.indexOf("      --"));
        String[] lines = description.strip().split("\n");
        // Lines broken by hand used to be wrapped again at 80 columns: "...writes them," / "merged, to...".
        for (int i = 0; i < lines.length - 1; i++) {
            assertThat(lines[i].length()).as("line %d of%n%s", i, description).isGreaterThan(60);
        }
        assertThat(String.join(" ", lines)).contains("writes them, merged, to stdout")
                .contains("serves /healthcheck, /metrics, /levels, /events and a live page over HTTP.");
    }
}
