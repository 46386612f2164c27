package io.logshipper.cli;

import static io.logshipper.cli.Cli.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** {@code logshipper aggregate} used as a new user would: what a careless or hostile producer sends, the endpoints. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(180)
class AggregateFromOutsideTest {

    @TempDir
    Path dir;

    /**
     * The live feed's history held whole entries, counted but not weighed: a run of values near Kafka's 1 MB
     * limit filled a 256 MiB heap (OutOfMemoryError with a stack trace, the service gone) long before
     * {@code --events-history}'s 1000 entries were reached.
     */
    @Test
    void aRunOfMegabyteValuesNeitherFillsTheHeapNorStopsTheService(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-big");
        broker.createTopic(topic, 1);
        int count = 200;
        String big = "x".repeat(900_000);
        Path file = dir.resolve("all.log");
        try (Aggregator agg = Aggregator.start(dir, "big", "--bootstrap-server", broker.bootstrapServers(),
                "--topic", topic, "--from-beginning", "--group", KafkaBroker.uniqueTopic("g"),
                "--output", file.toString());
             Records records = new Records(broker)) {
            // A browser tab that stopped reading: the feed is watched, its history kept and its queue filling.
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<java.io.InputStream> stalled = http.send(HttpRequest.newBuilder(agg.uri("/events"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stalled.statusCode()).isEqualTo(200);
            for (int i = 0; i < count; i++) {
                records.sendRaw(topic, 0, "big_log", i + " " + big);
            }
            records.send(topic, 0, "big", q("the last one"));
            await().atMost(Duration.ofSeconds(90)).until(() -> !agg.isAlive()
                    || agg.health().path("entries").path("written").asLong() == count + 1);
            assertThat(agg.isAlive()).as("still running; stderr:%n%s", agg.err()).isTrue();
            JsonNode h = agg.health();
            assertThat(h.path("status").asText()).isEqualTo("UP");
            assertThat(h.path("records").path("malformed").asLong()).isEqualTo(count);
            assertThat(agg.err()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
            stalled.body().close();
            assertThat(agg.stop()).isZero();
            try (Stream<String> lines = Files.lines(file)) {
                assertThat(lines.filter(l -> l.startsWith("[big_log] ") && l.length() > 900_000).count())
                        .as("the file sink still gets every value whole").isEqualTo(count);
            }
        }
    }

    @Test
    void theLiveFeedCutsAHugeEntryAndSaysSoButKeepsItsPlace(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-bigevent");
        broker.createTopic(topic, 1);
        try (Aggregator agg = Aggregator.start(dir, "bigevent", "--bootstrap-server", broker.bootstrapServers(),
                "--topic", topic, "--from-beginning", "--group", KafkaBroker.uniqueTopic("g"));
             Records records = new Records(broker)) {
            // Connected before the entries are written: a new client gets what comes from then on.
            HttpRequest req = HttpRequest.newBuilder(agg.uri("/events")).timeout(Duration.ofSeconds(10)).build();
            HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            records.send(topic, 0, "big", q("é".repeat(100_000)), q("small"));
            StringBuilder got = new StringBuilder();
            try (Stream<String> lines = r.body()) {
                lines.takeWhile(l -> !got.toString().contains("\"small\"")).forEach(l -> got.append(l).append('\n'));
            }
            String first = got.toString().lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
            JsonNode event = Envelope.JSON.readTree(first.substring("data: ".length()));
            assertThat(event.path("text").asText())
                    .startsWith("éé")
                    .endsWith("… (" + (100_000 - EventHub.MAX_EVENT_CHARS) + " more characters, cut in the live feed only)");
            assertThat(agg.out()).contains("é".repeat(100_000));
            assertThat(agg.stop()).isZero();
        }
    }

    @Test
    void theEventFeedBoundsItsHistoryAndEachClientByCharactersToo() throws Exception {
        EventHub hub = new EventHub(1000, 1000, 1);
        EventHub.Client c = hub.connect(-1);
        String text = "y".repeat(EventHub.MAX_EVENT_CHARS);
        int n = (int) (EventHub.MAX_HISTORY_CHARS / EventHub.MAX_EVENT_CHARS) + 10;
        for (int i = 0; i < n; i++) {
            hub.publish(new SinkEntry("p", Instant.EPOCH, null, null, Map.of(), text, text, "t", 0, i, false));
        }
        // The client's queue is full by weight long before its 1000 entries; the rest is counted as dropped.
        long queueable = EventHub.MAX_CLIENT_CHARS / EventHub.MAX_EVENT_CHARS;
        assertThat(c.takeMissed()).isGreaterThanOrEqualTo(n - queueable);
        assertThat(hub.droppedTotal()).isGreaterThanOrEqualTo(n - queueable);
        c.close();
        // The history, too, lets its oldest go by weight before its 1000 entries: a resuming client hears so.
        EventHub.Client resumed = hub.connect(0);
        assertThat(resumed.takeMissed()).isGreaterThanOrEqualTo(10);
        long kept = 0;
        for (var batch = resumed.next(1000, 10); !batch.isEmpty(); batch = resumed.next(1000, 10)) {
            kept += batch.size();
            assertThat(batch.get(0).entry().line()).as("the feed keeps no formatted line").isNull();
        }
        assertThat(kept).isLessThanOrEqualTo(queueable);
        // Getting the history again empties the queue's weight: new events reach the client.
        hub.publish(new SinkEntry("p", Instant.EPOCH, null, null, Map.of(), "after", "after", "t", 0, n, false));
        assertThat(resumed.next(10, 1000)).extracting(e -> e.entry().text()).containsExactly("after");
    }

    @Test
    void everyLevelChangeIsSaidOnStderrAlsoWhenTheOwnLevelHidesNotices(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-audit");
        broker.createTopic(topic, 1);
        Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
        try (Aggregator agg = Aggregator.start(dir, "audit", "--bootstrap-server", broker.bootstrapServers(),
                "--topic", topic, "--group", KafkaBroker.uniqueTopic("g"), "--http-token-file", token.toString())) {
            assertThat(agg.post("/levels/_self", "{\"configuredLevel\":\"warning\"}", "s3cret").statusCode())
                    .isEqualTo(204);
            assertThat(agg.post("/levels/detector-a", "{\"configuredLevel\":\"ERROR\"}", "s3cret").statusCode())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(agg.err())
                    .contains("logshipper aggregate: own level set to WARN through /levels/_self\n")
                    .contains("logshipper aggregate: level of detector-a set to ERROR through /levels\n")
                    .doesNotContain("s3cret"));
            assertThat(agg.stop()).isZero();
        }
    }
}
