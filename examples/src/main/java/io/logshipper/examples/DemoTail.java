package io.logshipper.examples;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the demo topic while the app runs and prints each shipped entry as it arrives. */
final class DemoTail implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final String key;
    private final AtomicInteger entries = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private DemoTail(KafkaConsumer<String, String> consumer, String key) {
        this.consumer = consumer;
        this.key = key;
        this.thread = new Thread(this::loop, "demo-tail");
    }

    /** Creates the topic if needed and starts reading it from its current end. */
    static DemoTail start(String bootstrap, String topic, String key) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        DemoTail tail = new DemoTail(consumer, key);
        tail.thread.start();
        return tail;
    }

    private void loop() {
        while (running) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(r.key())) {
                    print(r);
                }
            }
        }
    }

    private void print(ConsumerRecord<String, String> r) {
        try {
            JsonNode value = JSON.readTree(r.value());
            int n = messages.incrementAndGet();
            Instant at = Instant.ofEpochMilli((long) (value.get("timestamp").asDouble() * 1000));
            if (n == 1) {
                String raw = r.value().length() > 160 ? r.value().substring(0, 160) + "..." : r.value();
                System.out.println("first message on the wire: [" + r.key() + "]: " + raw);
            }
            System.out.println("--- message " + n + " [" + r.key() + "] timestamp " + at + ", "
                    + value.get("messages").size() + " entries");
            for (JsonNode entry : value.get("messages")) {
                System.out.println("  " + entry.asText().replace("\n", "\n  "));
                entries.incrementAndGet();
            }
        } catch (Exception e) {
            System.out.println("  (not a logshipper message) " + r.value());
        }
    }

    /** Waits until {@code expected} entries arrived; false on timeout. */
    boolean awaitEntries(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (entries.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return entries.get() >= expected;
    }

    int entries() {
        return entries.get();
    }

    int messages() {
        return messages.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        consumer.close(Duration.ofSeconds(2));
    }
}
