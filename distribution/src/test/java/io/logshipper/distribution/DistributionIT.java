package io.logshipper.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.LogShipper;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * Installs the archive the build just made, the way docs/cli.md says (unpack, link {@code bin/logshipper} into a
 * bin directory on the PATH), and runs the command from a real bash: {@code --version}, {@code tail --help},
 * the picocli completion script, and {@code tail} reading an entry a real shipper sent to the real broker.
 */
@Timeout(180)
class DistributionIT {

    private static final String VERSION = System.getProperty("logshipper.version");

    @TempDir
    static Path home;

    private static Path installed;

    @BeforeAll
    static void installFromTheTarGz() throws Exception {
        Path archive = Path.of(System.getProperty("logshipper.distribution.dir"), "logshipper-" + VERSION + "-bin.tar.gz");
        assertThat(archive).exists();
        Path opt = Files.createDirectories(home.resolve("opt"));
        Files.createDirectories(home.resolve("bin"));
        Result untar = bash("tar xzf '" + archive + "' -C '" + opt + "' && ln -s '" + opt + "/logshipper-" + VERSION
                + "/bin/logshipper' '" + home.resolve("bin") + "/logshipper'");
        assertThat(untar.exit()).as(untar.err()).isZero();
        installed = opt.resolve("logshipper-" + VERSION);
    }

    @Test
    void theArchiveHoldsTheLaunchersTheJarTheCompletionAndAReadme() throws IOException {
        assertThat(installed.resolve("bin/logshipper")).isExecutable();
        assertThat(installed.resolve("bin/logshipper.bat")).isRegularFile();
        assertThat(installed.resolve("lib/logshipper.jar")).isRegularFile();
        assertThat(installed.resolve("completion/logshipper_completion")).isRegularFile();
        assertThat(Files.readString(installed.resolve("README.md"))).contains("logshipper " + VERSION)
                .contains("completion/logshipper_completion").doesNotContain("${project.version}");
        assertThat(installed.resolve("LICENSE")).isRegularFile();
    }

    @Test
    void theZipHoldsTheSameFilesWithAWindowsLauncher() throws IOException {
        Path zip = Path.of(System.getProperty("logshipper.distribution.dir"), "logshipper-" + VERSION + "-bin.zip");
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().map(ZipEntry::getName).forEach(names::add);
            String bat = new String(z.getInputStream(z.getEntry("logshipper-" + VERSION + "/bin/logshipper.bat"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bat).contains("\r\n").contains("-jar \"%LOGSHIPPER_HOME%\\lib\\logshipper.jar\"");
        }
        String base = "logshipper-" + VERSION + "/";
        assertThat(names).contains(base + "bin/logshipper", base + "bin/logshipper.bat", base + "lib/logshipper.jar",
                base + "completion/logshipper_completion", base + "README.md", base + "LICENSE");
    }

    @Test
    void versionNamesLogshipperAndTheKafkaClient() throws Exception {
        Result r = bash("logshipper --version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("logshipper " + VERSION)
                .contains("kafka-clients " + System.getProperty("logshipper.expect.kafka-clients"));
        assertThat(r.err()).doesNotContain("WARNING");
    }

    @Test
    void tailHelpRunsFromTheLinkOnThePath() throws Exception {
        Result r = bash("logshipper tail --help");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: logshipper tail").contains("--topic");
    }

    @Test
    void theCompletionScriptCompletesCommandsAndOptionsInBash() throws Exception {
        String script = installed.resolve("completion/logshipper_completion").toString();
        Result r = bash("source '" + script + "' && complete -p logshipper"
                + " && COMP_WORDS=(logshipper ta) COMP_CWORD=1 COMP_LINE='logshipper ta' COMP_POINT=13"
                + " && _complete_logshipper && echo \"commands: ${COMPREPLY[*]}\""
                + " && COMP_WORDS=(logshipper tail --from) COMP_CWORD=2 COMP_LINE='logshipper tail --from'"
                + " COMP_POINT=22 && _complete_logshipper && echo \"options: ${COMPREPLY[*]}\"");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("-F _complete_logshipper logshipper").contains("commands: tail")
                .contains("options: --from-beginning");
    }

    @Test
    @ExtendWith(RealKafkaExtension.class)
    void tailFromTheInstalledCommandPrintsWhatAShipperSent(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("dist-tail");
        broker.createTopic(topic, 1);
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("installed").interval(Duration.ofHours(1)).sendWhenIdle(false).build();
        shipper.log("hello from the shipper");
        assertThat(shipper.close(Duration.ofSeconds(30))).isZero();

        Result r = bash("logshipper tail --bootstrap-server " + broker.bootstrapServers() + " --topic " + topic
                + " --from-beginning --max-messages 1 --timeout-secs 60");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("[installed ").contains("hello from the shipper");
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs a command in bash with the install's bin directory first on the PATH and this test's JDK. */
    private static Result bash(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(home.toFile());
        pb.environment().put("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("LOGSHIPPER_OPTS");
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
