package io.logshipper.cli;

import static io.logshipper.cli.Cli.q;
import static io.logshipper.cli.Records.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** {@code logshipper aggregate} as a real child process against the real broker. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class AggregateCommandTest {

    @TempDir
    Path dir;

    @Test
    void mergesTwoProgramsFromTwoTopicsThroughAPatternAndPicksUpANewTopic(KafkaBroker broker) throws Exception {
        String prefix = KafkaBroker.uniqueTopic("agg-merge");
        broker.createTopic(prefix + "-a", 1);
        broker.createTopic(prefix + "-b", 1);
        try (Records records = new Records(broker)) {
            records.send(prefix + "-a", 0, "detector-a", q("a one"), q("a two"));
            records.send(prefix + "-b", 0, "detector-b", entry("WARN", "com.acme.B", "b one"));
            records.sendRaw(prefix + "-b", 0, "detector-b_log",
                    "not json \u001b[2J\n[detector-a 2026-11-25T10:00:00.123Z] at all");
            try (Aggregator agg = Aggregator.start(dir, "merge", "--bootstrap-server", broker.bootstrapServers(),
                    "--topic-pattern", Pattern.quote(prefix) + "-.*", "--from-beginning",
                    "--group", KafkaBroker.uniqueTopic("g"), "--discovery-interval", "1")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> agg.out().contains("at all"));
                String out = agg.out();
                assertThat(out).contains("[detector-a 2026-11-25T10:00:00.123Z] a one\n"
                        + "[detector-a 2026-11-25T10:00:00.123Z] a two\n");
                assertThat(out).contains("[detector-b 2026-11-25T10:00:00.123Z] 10:00:00.123 WARN [main] "
                        + "com.acme.B - b one\n");
                // A foreign value is written as tail prints it, its terminal escape neutralised, its second line
                // indented (it cannot pass for detector-a's), and counted.
                assertThat(out).contains("[detector-b_log] not json ^[[2J\n  [detector-a 2026-11-25T10:00:00.123Z] "
                        + "at all\n").doesNotContain("\u001b");
                assertThat(agg.err()).contains("is not a logshipper message (its value is not JSON)");

                broker.createTopic(prefix + "-c", 1);
                records.send(prefix + "-c", 0, "detector-c", q("from a topic created after start"));
                await().atMost(Duration.ofSeconds(20)).until(() -> agg.out().contains("after start"));

                JsonNode h = agg.health();
                assertThat(h.path("records").path("malformed").asLong()).isEqualTo(1);
                assertThat(h.path("records").path("consumed").asLong()).isEqualTo(4);
                assertThat(h.path("entries").path("written").asLong()).isEqualTo(5);
                assertThat(h.path("subscription").path("topics").asInt()).isEqualTo(3);
                assertThat(agg.stop()).isZero();
            }
        }
    }

    @Test
    void sigtermCommitsWhatWasWrittenLeavesTheGroupAndExitsZero(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-term");
        String group = KafkaBroker.uniqueTopic("g");
        broker.createTopic(topic, 1);
        try (Records records = new Records(broker)) {
            for (int i = 0; i < 5; i++) {
                records.send(topic, 0, "p", q("entry " + i));
            }
        }
        try (Aggregator agg = Aggregator.start(dir, "term", "--bootstrap-server", broker.bootstrapServers(),
                "--topic", topic, "--from-beginning", "--group", group, "--commit-interval", "60")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> agg.out().contains("entry 4"));
            long started = System.nanoTime();
            assertThat(agg.stop()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            // The commit interval is a minute: only the shutdown's commit can have stored this.
            assertThat(committed.get(new TopicPartition(topic, 0)).offset()).isEqualTo(5);
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            assertThat(d.members()).isEmpty();
        }
    }

    @Test
    void healthcheckAndMetricsReportTheRun(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-health");
        broker.createTopic(topic, 2);
        String group = KafkaBroker.uniqueTopic("g");
        try (Records records = new Records(broker);
             Aggregator agg = Aggregator.start(dir, "health", "--bootstrap-server", broker.bootstrapServers(),
                     "--topic", topic, "--from-beginning", "--group", group, "--level", "INFO")) {
            records.send(topic, 0, "p", entry("INFO", "x", "kept"), entry("DEBUG", "x", "below the level"));
            records.send(topic, 1, "q", entry("ERROR", "y", "kept too"));
            await().atMost(Duration.ofSeconds(30)).until(() -> agg.out().contains("kept too"));

            HttpResponse<String> r = agg.get("/healthcheck");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode h = Envelope.JSON.readTree(r.body());
            assertThat(h.path("module").asText()).isEqualTo("logshipper-aggregate");
            assertThat(h.path("hostname").asText()).isNotBlank();
            assertThat(h.path("uptime").isNumber()).isTrue();
            assertThat(h.path("status").asText()).isEqualTo("UP");
            assertThat(h.path("group").asText()).isEqualTo(group);
            assertThat(h.path("subscription").path("assignedPartitions").asInt()).isEqualTo(2);
            assertThat(h.path("lag").path("total").asLong()).isZero();
            assertThat(h.path("lastPollAgeSeconds").asDouble()).isLessThan(5);
            assertThat(h.path("lastRecordAgeSeconds").asDouble()).isLessThan(30);
            assertThat(h.path("entries").path("written").asLong()).isEqualTo(2);
            assertThat(h.path("entries").path("filtered").asLong()).isEqualTo(1);
            assertThat(h.path("sinks").path("stdout").path("errors").asLong()).isZero();

            // Lag is known once a fetch has told the high watermark; it is refreshed every second.
            String lagLine = "logshipper_aggregate_consumer_lag{topic=\"" + topic + "\",partition=\"1\"} 0";
            await().atMost(Duration.ofSeconds(10)).until(() -> agg.get("/metrics").body().contains(lagLine));
            HttpResponse<String> m = agg.get("/metrics");
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            Pattern sample = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|"
                    + "\\\\[\\\\\"n])*\",?)*\\})? -?[0-9.eE+-]+");
            for (String line : m.body().split("\n")) {
                if (!line.startsWith("#")) {
                    assertThat(line).matches(sample);
                }
            }
            assertThat(m.body()).contains("logshipper_aggregate_records_consumed_total{topic=\"" + topic + "\"} 2")
                    .contains("logshipper_aggregate_consumer_lag{topic=\"" + topic + "\",partition=\"1\"} 0")
                    .contains("logshipper_aggregate_entries_filtered_total 1")
                    .contains("logshipper_aggregate_up 1");
            assertThat(agg.get("/nothing-here").statusCode()).isEqualTo(404);
            assertThat(agg.post("/healthcheck", "{}", null).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void levelsChangeWhatIsWrittenAndRejectBadBodiesAndMissingTokens(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-levels");
        broker.createTopic(topic, 1);
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "s3cret-token\n");
        try (Records records = new Records(broker);
             Aggregator agg = Aggregator.start(dir, "levels", "--bootstrap-server", broker.bootstrapServers(),
                     "--topic", topic, "--group", KafkaBroker.uniqueTopic("g"), "--http-token-file",
                     tokenFile.toString())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> agg.assignedPartitions() == 1);
            String token = "s3cret-token";
            assertThat(agg.post("/levels/detector-a", "{\"configuredLevel\":\"ERROR\"}", null).statusCode())
                    .isEqualTo(401);
            assertThat(agg.post("/levels/detector-a", "{\"configuredLevel\":\"ERROR\"}", "wrong").statusCode())
                    .isEqualTo(401);
            for (String bad : List.of("", "not json", "[]", "{\"configuredLevel\":\"LOUD\"}",
                    "{\"configuredLevel\":3}", "{\"configuredLevel\":\"WARN\",\"x\":1}",
                    "{\"configuration\":\"<configuration/>\"}")) {
                HttpResponse<String> r = agg.post("/levels/detector-a", bad, token);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(Envelope.JSON.readTree(r.body()).path("error").asText()).as(bad).isNotBlank();
            }
            assertThat(agg.post("/levels/detector-a", "{\"configuredLevel\":\"" + "W".repeat(10_000) + "\"}",
                    token).statusCode()).isEqualTo(413);

            assertThat(agg.post("/levels/detector-a", "{\"configuredLevel\":\"ERROR\"}", token).statusCode())
                    .isEqualTo(204);
            assertThat(agg.post("/levels/detector-b/com.acme.noisy", "{\"configuredLevel\":\"warning\"}", token)
                    .statusCode()).isEqualTo(204);
            JsonNode levels = Envelope.JSON.readTree(agg.get("/levels").body());
            assertThat(levels.at("/programs/detector-a/configuredLevel").asText()).isEqualTo("ERROR");
            assertThat(levels.at("/programs/detector-b/loggers/com.acme.noisy/configuredLevel").asText())
                    .isEqualTo("WARN");
            assertThat(levels.path("levels").toString()).contains("\"TRACE\"", "\"OFF\"");

            records.send(topic, 0, "detector-a", entry("INFO", "x", "a-info hidden"),
                    entry("ERROR", "x", "a-error shown"));
            records.send(topic, 0, "detector-b", entry("INFO", "com.acme.noisy.Loop", "b-noisy hidden"),
                    entry("INFO", "com.acme.other", "b-other shown"));
            await().atMost(Duration.ofSeconds(20)).until(() -> agg.out().contains("b-other shown"));
            assertThat(agg.out()).contains("a-error shown").doesNotContain("hidden");

            assertThat(agg.post("/levels/detector-a", "{\"configuredLevel\":null}", token).statusCode())
                    .isEqualTo(204);
            records.send(topic, 0, "detector-a", entry("INFO", "x", "a-info after reset"));
            await().atMost(Duration.ofSeconds(20)).until(() -> agg.out().contains("a-info after reset"));

            assertThat(agg.post("/levels/_self", "{\"configuredLevel\":\"WARN\"}", token).statusCode())
                    .isEqualTo(204);
            assertThat(Envelope.JSON.readTree(agg.get("/levels").body()).at("/_self/effectiveLevel").asText())
                    .isEqualTo("WARN");
            assertThat(agg.err()).doesNotContain(token);
        }
    }

    @Test
    void aThrowingSinkIsCountedAndNeverStopsTheOthers(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-sinks");
        broker.createTopic(topic, 1);
        Path file = dir.resolve("out/all.log");
        Path perProgram = dir.resolve("programs");
        try (Records records = new Records(broker)) {
            records.send(topic, 0, "p", q("fine"), q("BOOM"), q("fine again"));
            records.send(topic, 0, "../etc/q", q("q's line"));
            try (Aggregator agg = Aggregator.start(dir, "sinks", "--bootstrap-server", broker.bootstrapServers(),
                    "--topic", topic, "--from-beginning", "--group", KafkaBroker.uniqueTopic("g"),
                    "--output", "-", "--sink", "throwing", "--output-per-program", perProgram.toString())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> agg.out().contains("q's line"));
                assertThat(agg.out()).contains("] fine\n", "] BOOM\n", "] fine again\n");
                JsonNode h = agg.health();
                assertThat(h.at("/sinks/throwing/errors").asLong()).isEqualTo(1);
                assertThat(h.at("/sinks/throwing/lastError").asText()).contains("refusing p's entry");
                assertThat(h.at("/sinks/stdout/written").asLong()).isEqualTo(4);
                assertThat(h.path("status").asText()).isEqualTo("DOWN");
                assertThat(agg.get("/healthcheck").statusCode()).isEqualTo(503);
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(perProgram.resolve("p.log"))
                        && Files.readString(perProgram.resolve("p.log")).contains("fine again"));
                // The program id becomes a file name inside DIR, never a path out of it.
                assertThat(Files.readString(perProgram.resolve(".._etc_q.log".replaceFirst("^\\.", "_"))))
                        .contains("q's line");
                assertThat(agg.stop()).isZero();
            }
            try (Aggregator agg = Aggregator.start(dir, "file", "--bootstrap-server", broker.bootstrapServers(),
                    "--topic", topic, "--from-beginning", "--group", KafkaBroker.uniqueTopic("g"),
                    "--output", file.toString(), "--rotate-size", "1KiB", "--rotate-keep", "2",
                    "--format", "json")) {
                for (int i = 0; i < 40; i++) {
                    records.send(topic, 0, "r", q("rotating entry number " + i));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file)
                        && Files.readString(file).contains("number 39"));
                assertThat(agg.stop()).isZero();
            }
        }
        assertThat(Files.exists(dir.resolve("out/all.log.1"))).isTrue();
        assertThat(Files.exists(dir.resolve("out/all.log.2"))).isTrue();
        assertThat(Files.exists(dir.resolve("out/all.log.3"))).isFalse();
        for (Path p : List.of(file, dir.resolve("out/all.log.1"))) {
            assertThat(Files.size(p)).isLessThanOrEqualTo(1024);
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                assertThat(Envelope.JSON.readTree(line).path("program").isTextual()).as(line).isTrue();
            }
        }
    }

    @Test
    void healthAnswersWhileASinkHoldsThePollLoopAndSays503(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-stuck");
        broker.createTopic(topic, 1);
        try (Records records = new Records(broker);
             Aggregator agg = Aggregator.start(dir, "stuck", "--bootstrap-server", broker.bootstrapServers(),
                     "--topic", topic, "--from-beginning", "--group", KafkaBroker.uniqueTopic("g"),
                     "--sink", "blocking", "--unhealthy-after", "2")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> agg.assignedPartitions() == 1);
            assertThat(agg.get("/healthcheck").statusCode()).isEqualTo(200);
            records.send(topic, 0, "p", q("BLOCK here"));
            await().atMost(Duration.ofSeconds(20)).until(() -> agg.get("/healthcheck").statusCode() == 503);
            JsonNode h = agg.health();
            assertThat(h.path("problems").toString()).contains("the poll loop has not come back");
            assertThat(h.path("lastPollAgeSeconds").asDouble()).isGreaterThan(2);
        }
    }

    @Test
    void refusesUnknownSinksAndBadOptionsAsUsageErrors(KafkaBroker broker) {
        Cli.Result r = Cli.run("aggregate", "--bootstrap-server", broker.bootstrapServers(), "--topic", "t",
                "--sink", "nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no sink named 'nosuch' on the class path (found: ")
                .contains("throwing");
        r = Cli.run("aggregate", "--bootstrap-server", broker.bootstrapServers(), "--topic", "t",
                "--rotate-size", "64MiB");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--rotate-size needs --output FILE");
        r = Cli.run("aggregate", "--bootstrap-server", broker.bootstrapServers(), "--topic", "t",
                "--http", "nowhere");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid value for option '--http'");
        r = Cli.run("aggregate", "--bootstrap-server", broker.bootstrapServers(), "--topic", "t",
                "--level", "LOUD");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--level");
        // A token file that never ends is refused after its first 4 KiB, not read until the heap is gone.
        r = Cli.run("aggregate", "--bootstrap-server", broker.bootstrapServers(), "--topic", "t",
                "--http-token-file", "/dev/zero");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'--http-token-file': /dev/zero is larger than 4 KiB");
    }

    @Test
    void sigtermWhileStartingUpEndsItWithExitStatusZeroEvenWhenStartUpHangs(KafkaBroker broker) throws Exception {
        // The token file is a pipe: opening it for writing returns once the aggregator has opened it for reading,
        // past main's first line, and it then waits for a token that never comes.
        Path fifo = dir.resolve("token.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "aggregate", "--bootstrap-server",
                broker.bootstrapServers(), "--topic", "t", "--http", "127.0.0.1:0", "--http-token-file",
                fifo.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("early.out").toFile()).start();
        try (java.io.OutputStream writer = Files.newOutputStream(fifo)) {
            long sent = System.nanoTime();
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("early.out"))).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(10));
        } finally {
            p.destroyForcibly();
        }
    }

    static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }
}
