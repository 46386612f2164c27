package io.logshipper.cli;

import static io.logshipper.cli.Cli.q;
import static io.logshipper.cli.Records.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** {@code GET /events}: Server-Sent Events from the one shared consumer. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(150)
class AggregateEventsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** The lines of an SSE stream, read in the background. */
    private static final class Stream1 implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final java.util.concurrent.CompletableFuture<HttpResponse<Stream<String>>> response;

        Stream1(Aggregator agg, String path, String lastEventId) {
            HttpRequest.Builder b = HttpRequest.newBuilder(agg.uri(path));
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            response = HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(r -> {
                lines.add("status: " + r.statusCode());
                r.body().forEach(lines::add);
            });
        }

        /** The next {@code data:} line that contains {@code text}, skipping others; fails after the timeout. */
        String dataContaining(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String previous = null;
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("data: ") && line.contains(text)) {
                    return previous + "\n" + line;
                }
                if (line != null) {
                    previous = line;
                }
            }
            throw new AssertionError("no event with " + text + " within " + timeout);
        }

        @Override
        public void close() {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }

    @Test
    void deliversEntriesFiltersResumesAndLimitsClients(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-sse");
        broker.createTopic(topic, 1);
        try (Records records = new Records(broker);
             Aggregator agg = Aggregator.start(dir, "sse", "--bootstrap-server", broker.bootstrapServers(),
                     "--topic", topic, "--group", KafkaBroker.uniqueTopic("g"), "--events-max-clients", "3");
             Stream1 all = new Stream1(agg, "/events", null);
             Stream1 filtered = new Stream1(agg, "/events?program=a&level=WARN", null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> agg.assignedPartitions() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> agg.get("/metrics").body()
                    .contains("logshipper_aggregate_sse_clients 2"));

            long sent = System.nanoTime();
            records.send(topic, 0, "a", entry("INFO", "x", "first info"), entry("ERROR", "x", "first error"));
            records.send(topic, 0, "b", entry("ERROR", "x", "b error"));
            String first = all.dataContaining("first info", Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
            assertThat(first).startsWith("id: ");
            long firstId = Long.parseLong(first.substring(4, first.indexOf('\n')));
            assertThat(first).contains("\"program\":\"a\"", "\"level\":\"INFO\"", "\"topic\":\"" + topic + "\"");
            all.dataContaining("b error", Duration.ofSeconds(5));
            // The filtered client sees a's ERROR, and neither a's INFO nor b's entries.
            String onlyError = filtered.dataContaining("first error", Duration.ofSeconds(5));
            assertThat(onlyError).contains("\"level\":\"ERROR\"");
            assertThat(filtered.lines).noneMatch(l -> l.contains("b error") || l.contains("first info"));

            // Resume after the first event: the next two come from the history, the first does not repeat.
            try (Stream1 resumed = new Stream1(agg, "/events", String.valueOf(firstId))) {
                resumed.dataContaining("first error", Duration.ofSeconds(5));
                resumed.dataContaining("b error", Duration.ofSeconds(5));
                assertThat(resumed.lines).noneMatch(l -> l.contains("first info"));
                // A fourth client is one too many.
                HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(agg.uri("/events"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("too many /events clients");
            }
            assertThat(agg.get("/events?level=LOUD").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aSlowClientIsToldWhatItMissedInsteadOfGrowingTheServer(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-slow");
        broker.createTopic(topic, 1);
        try (Records records = new Records(broker);
             Aggregator agg = Aggregator.start(dir, "slow", "--bootstrap-server", broker.bootstrapServers(),
                     "--topic", topic, "--group", KafkaBroker.uniqueTopic("g"), "--events-client-queue", "20",
                     "--output", dir.resolve("slow.log").toString());
             Socket slow = new Socket()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> agg.assignedPartitions() == 1);
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", agg.port()), 5000);
            OutputStream req = slow.getOutputStream();
            req.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            req.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> agg.get("/metrics").body()
                    .contains("logshipper_aggregate_sse_clients 1"));
            // About 8 MB of events while the client reads nothing: far more than the socket buffers hold.
            String big = "x".repeat(2000);
            for (int i = 0; i < 4000; i++) {
                records.sendAsync(topic, 0, "p", q("entry " + i + " " + big));
            }
            records.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> agg.health().at("/entries/written").asLong() == 4000);
            await().atMost(Duration.ofSeconds(10)).until(() -> !agg.get("/metrics").body()
                    .contains("logshipper_aggregate_sse_dropped_total 0\n"));
            slow.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(slow.getInputStream(),
                    StandardCharsets.UTF_8));
            boolean toldDropped = false;
            int events = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event: dropped")) {
                    String data = in.readLine();
                    assertThat(data).matches("data: \\{\"count\":[1-9][0-9]*\\}");
                    toldDropped = true;
                    break;
                }
                if (line.startsWith("data: ")) {
                    events++;
                }
            }
            assertThat(toldDropped).as("event: dropped after %d events", events).isTrue();
            assertThat(events).isLessThan(4000);
            assertThat(agg.get("/healthcheck").statusCode()).isEqualTo(200);
        }
    }

    static List<String> none() {
        return List.of();
    }
}
