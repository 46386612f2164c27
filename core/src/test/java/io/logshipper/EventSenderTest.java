package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.logshipper.internal.ProducerPool;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.ProducerDiagnostics;
import io.logshipper.testing.RealKafkaExtension;

/** Application events on the real broker, read back by an independent consumer. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class EventSenderTest {

    private static EventSender sender(KafkaBroker broker) {
        return LogShipper.builder().bootstrapServers(broker.bootstrapServers()).programId("events-test")
                .shutdownHook(false).buildEventSender();
    }

    @Test
    void eventsArriveExactlyAsSentKeyValueBytesAndHeaders(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("events-exact");
        broker.createTopic(topic, 1);
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13};
        byte[] binaryKey = {(byte) 0x80, 0, 0x7f};
        try (EventSender events = sender(broker)) {
            assertThat(events.send(topic, "k1", "{\"already\":\"json\"}")).isTrue();
            assertThat(events.send(topic, "k2", "plain text, ünïcödé ✓")).isTrue();
            assertThat(events.send(topic, null, binary)).isTrue();
            assertThat(events.send(Event.of(topic, "k4", "with headers").withHeader("trace-id", "abc-123")
                    .withHeader("bin", new byte[] {1, 2, 3}).withHeader("trace-id", "again")
                    .withHeader("empty", (String) null))).isTrue();
            assertThat(events.send(Event.of(topic, (String) null, (String) null).withKey(binaryKey))).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> events.stats().delivered() == 5);
        }

        List<ConsumerRecord<byte[], byte[]>> records = Consumed.records(broker, topic, 1, 5);
        assertThat(records).hasSize(5);
        assertThat(Consumed.text(records.get(0).key())).isEqualTo("k1");
        assertThat(Consumed.text(records.get(0).value())).isEqualTo("{\"already\":\"json\"}");
        assertThat(records.get(0).headers().toArray()).isEmpty();
        assertThat(Consumed.text(records.get(1).value())).isEqualTo("plain text, ünïcödé ✓");
        assertThat(records.get(2).key()).isNull();
        assertThat(records.get(2).value()).isEqualTo(binary);
        ConsumerRecord<byte[], byte[]> withHeaders = records.get(3);
        assertThat(Consumed.headerNames(withHeaders)).containsExactly("trace-id", "bin", "trace-id", "empty");
        assertThat(withHeaders.headers().headers("trace-id")).extracting(h -> Consumed.text(h.value()))
                .containsExactly("abc-123", "again");
        assertThat(withHeaders.headers().lastHeader("bin").value()).isEqualTo(new byte[] {1, 2, 3});
        assertThat(withHeaders.headers().lastHeader("empty").value()).isNull();
        assertThat(records.get(4).key()).isEqualTo(binaryKey);
        assertThat(records.get(4).value()).isNull();
    }

    @Test
    void aHundredThousandEventsFromEightThreadsArriveInPerKeyOrder(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("events-order");
        broker.createTopic(topic, 4);
        int threads = 8;
        int perThread = 12_500;
        EventSender events = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).programId("order")
                .maxBufferedEntries(200_000).maxBufferedBytes(256L * 1024 * 1024).shutdownHook(false)
                .buildEventSender();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        ConcurrentLinkedQueue<Boolean> refused = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread s = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    // Two keys per thread; each key is written by one thread only, so its order is that thread's.
                    if (!events.send(topic, "t" + thread + "-" + (i % 2), Integer.toString(i))) {
                        refused.add(true);
                    }
                }
            });
            s.start();
            senders.add(s);
        }
        go.countDown();
        for (Thread s : senders) {
            s.join(60_000);
        }
        assertThat(refused).isEmpty();
        // Normally 2-3 s. Failed once in CI after 90 s (2026-12-02): KAFKA-14359 on the fresh topic (a first request
        // refused while the partition opened, its retries refused as out of order), avoided since by one request in
        // flight per broker (ProducerSettings). Should it happen again, the message says what the producer saw.
        ProducerDiagnostics.awaitOrExplain(Duration.ofSeconds(90),
                () -> events.stats().delivered() == threads * perThread, () -> events.stats().toString());
        assertThat(events.close(Duration.ofSeconds(10))).isZero();

        List<ConsumerRecord<byte[], byte[]>> records = Consumed.records(broker, topic, 4, threads * perThread);
        assertThat(records).hasSize(threads * perThread);
        Map<String, Integer> last = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = Consumed.text(r.key());
            int value = Integer.parseInt(Consumed.text(r.value()));
            Integer previous = last.put(key, value);
            assertThat(previous == null ? -1 : previous).as("order of key %s", key).isLessThan(value);
            counts.merge(key, 1, Integer::sum);
        }
        assertThat(counts).hasSize(threads * 2).allSatisfy((k, n) -> assertThat(n).isEqualTo(perThread / 2));
        EventStats stats = events.stats();
        assertThat(stats.byTopic().get(topic)).isEqualTo(new EventStats.Topic(threads * perThread, 0,
                threads * perThread, 0));
    }

    @Test
    void aJsonObjectValueRoundTrips(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("events-json");
        broker.createTopic(topic, 1);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "o-17");
        order.put("total", 42.5);
        order.put("items", List.of(Map.of("sku", "a", "qty", 2), Map.of("sku", "b", "qty", 1)));
        order.put("paid", true);
        order.put("note", null);
        try (EventSender events = sender(broker)) {
            assertThat(events.sendJson(topic, "o-17", order)).isTrue();
            assertThat(events.sendJson(topic, "rec", new Point(3, -4, "origin ✓"))).isTrue();
            assertThat(events.sendJson(topic, "str", "a \"string\"")).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> events.stats().delivered() == 3);
        }

        List<ConsumerRecord<byte[], byte[]>> records = Consumed.records(broker, topic, 1, 3);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readValue(records.get(0).value(), Map.class)).isEqualTo(order);
        JsonNode point = mapper.readTree(records.get(1).value());
        assertThat(point.get("x").asInt()).isEqualTo(3);
        assertThat(point.get("y").asInt()).isEqualTo(-4);
        assertThat(point.get("label").asText()).isEqualTo("origin ✓");
        assertThat(Consumed.text(records.get(2).value())).isEqualTo("\"a \\\"string\\\"\"");
    }

    /** A record an application might send. */
    public record Point(int x, int y, String label) {
    }

    @Test
    void aShipperAndAnEventSenderWithEqualSettingsShareOneProducer(KafkaBroker broker) {
        String logs = KafkaBroker.uniqueTopic("events-shared-logs");
        String topic = KafkaBroker.uniqueTopic("events-shared");
        broker.createTopic(logs, 1);
        broker.createTopic(topic, 1);
        int before = ProducerPool.SHARED.openProducers();
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers())
                .producerSetting("linger.ms", "11").topic(logs).programId("shared").interval(Duration.ofMillis(100))
                .sendWhenIdle(false).shutdownHook(false).build();
        EventSender standalone = LogShipper.builder().bootstrapServers(broker.bootstrapServers())
                .producerSetting("linger.ms", "11").programId("shared-events").shutdownHook(false)
                .buildEventSender();
        shipper.log("a log entry");
        assertThat(standalone.send(topic, "a", "from the standalone sender")).isTrue();
        assertThat(shipper.events().send(topic, "b", "from the shipper's sender")).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.stats().delivered() == 1
                && standalone.stats().delivered() == 1 && shipper.events().stats().delivered() == 1);
        assertThat(ProducerPool.SHARED.openProducers()).isEqualTo(before + 1);

        standalone.close(Duration.ofSeconds(5));
        assertThat(ProducerPool.SHARED.openProducers()).isEqualTo(before + 1);
        shipper.close(Duration.ofSeconds(10));
        assertThat(shipper.events().isClosed()).isTrue();
        assertThat(ProducerPool.SHARED.openProducers()).isEqualTo(before);
        assertThat(Consumed.values(Consumed.records(broker, topic, 1, 2)))
                .containsExactlyInAnyOrder("from the standalone sender", "from the shipper's sender");
        assertThat(Shipped.texts(broker, logs)).containsExactly("a log entry");
    }

    @Test
    void callbacksAndStagesCompleteOnTheSendersCallbackThread(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("events-callback");
        broker.createTopic(topic, 1);
        CompletableFuture<String> callbackThread = new CompletableFuture<>();
        CompletableFuture<EventDelivery> delivered = new CompletableFuture<>();
        try (EventSender events = sender(broker)) {
            assertThat(events.send(Event.of(topic, "k", "v1"), (delivery, failure) -> {
                callbackThread.complete(Thread.currentThread().getName());
                delivered.complete(delivery);
            })).isTrue();
            EventDelivery second = events.sendAsync(Event.of(topic, "k", "v2"))
                    .thenApply(d -> {
                        assertThat(Thread.currentThread().getName()).startsWith("eventsender-events-test-callbacks");
                        return d;
                    })
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(callbackThread.get(30, TimeUnit.SECONDS)).isEqualTo("eventsender-events-test-callbacks");
            assertThat(delivered.get().topic()).isEqualTo(topic);
            assertThat(delivered.get().offset()).isZero();
            assertThat(second.offset()).isEqualTo(1);
            assertThat(events.send(Event.of(topic, "k", "v3"), (d, f) -> {
                throw new IllegalStateException("a callback that throws");
            })).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> events.stats().callbackFailures() == 1);
            assertThat(events.send(topic, "k", "still sending after a callback threw")).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> events.stats().delivered() == 4);
            assertThat(events.health().state()).isEqualTo(ShipperHealth.State.CONNECTED);
        }
    }

    @Test
    void anInvalidTopicIsAProgrammingErrorAndOtherRefusalsAreCountedPerTopic(KafkaBroker broker) {
        try (EventSender events = LogShipper.builder().bootstrapServers(broker.bootstrapServers())
                .programId("refusals").maxMessageBytes(1024).shutdownHook(false).buildEventSender()) {
            assertThatThrownBy(() -> events.send("a b", "k", "v")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid Kafka topic name 'a b': must be 1 to 249 of the characters a-z, A-Z, 0-9,"
                            + " '.', '_' and '-', and not '.' or '..'");
            assertThatThrownBy(() -> events.send(null, "k", "v")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> events.send("x".repeat(1_000_000), "k", "v"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(1000000 characters)");
            assertThat(events.send("big", "k", "x".repeat(2000))).isFalse();
            assertThat(events.sendJson("unwritable", "k", new Object())).isFalse();
            List<Object> cycle = new ArrayList<>();
            cycle.add(cycle);
            assertThat(events.sendJson("unwritable", "k", cycle)).isFalse();
            assertThat(events.sendAsync(Event.of("big", "k", new byte[5000])).toCompletableFuture())
                    .isCompletedExceptionally();
            EventStats stats = events.stats();
            assertThat(stats.droppedTooLarge()).isEqualTo(2);
            assertThat(stats.droppedUnserializable()).isEqualTo(2);
            assertThat(stats.byTopic().get("big").dropped()).isEqualTo(2);
            assertThat(stats.byTopic().get("unwritable").dropped()).isEqualTo(2);
            assertThat(stats.accepted()).isZero();
        }
    }

    @Test
    void logMessagesCarryTheDefaultAndConfiguredHeadersWithKeyAndValueUnchanged(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("log-headers");
        broker.createTopic(topic, 1);
        LogShipper plain = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("plain").interval(Duration.ofMillis(100)).sendWhenIdle(false).shutdownHook(false).build();
        plain.log("one");
        await().atMost(Duration.ofSeconds(30)).until(() -> plain.stats().delivered() == 1);
        plain.close(Duration.ofSeconds(5));
        LogShipper configured = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("configured").interval(Duration.ofMillis(100)).sendWhenIdle(false).shutdownHook(false)
                .headers(new LinkedHashMap<>(Map.of("env", "prod"))).set(io.logshipper.config.Settings.HEADERS,
                        io.logshipper.config.Settings.HEADERS.parse("env=prod, region = eu-west-1,content-type="))
                .build();
        configured.log("two");
        await().atMost(Duration.ofSeconds(30)).until(() -> configured.stats().delivered() == 1);
        configured.close(Duration.ofSeconds(5));

        List<ConsumerRecord<byte[], byte[]>> records = Consumed.records(broker, topic, 1, 2);
        assertThat(Consumed.text(records.get(0).key())).isEqualTo("plain_log");
        assertThat(Consumed.headerNames(records.get(0))).containsExactly("host", "content-type");
        assertThat(Consumed.headers(records.get(0)).get("host")).isNotBlank();
        assertThat(Consumed.headers(records.get(0)).get("content-type")).isEqualTo("application/json");
        assertThat(Consumed.text(records.get(1).key())).isEqualTo("configured_log");
        assertThat(Consumed.headers(records.get(1))).containsExactly(
                Map.entry("host", Consumed.headers(records.get(0)).get("host")), Map.entry("env", "prod"),
                Map.entry("region", "eu-west-1"));
        assertThat(Shipped.texts(broker, topic)).containsExactly("one", "two");
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).startsWith("{\"timestamp\":");
    }
}
