package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import ch.qos.logback.classic.LoggerContext;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** {@code <headers>} in logback.xml, with Logback's variables, reaches every message as Kafka record headers. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class HeadersTest {

    @Test
    void configuredHeadersFollowTheDefaultOnesAndTheKeyNamesTheReplica(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-headers");
        broker.createTopic(topic, 1);
        LoggerContext context = Fixtures.context("headers", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic, "env", "staging"));
        String hostname = context.getProperty("HOSTNAME");
        try {
            context.getLogger("io.example.Orders").info("with headers");
            await().atMost(Duration.ofSeconds(60)).until(() -> !Fixtures.texts(broker, topic).isEmpty());
        } finally {
            context.stop();
        }

        ConsumerRecord<byte[], byte[]> r = first(broker, topic);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("orders-" + hostname + "_log");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers.keySet()).containsExactly("host", "content-type", "env", "pod");
        assertThat(headers).containsEntry("content-type", "application/json").containsEntry("env", "staging")
                .containsEntry("pod", hostname);
        assertThat(Fixtures.texts(broker, topic)).containsExactly("with headers");
    }

    private static ConsumerRecord<byte[], byte[]> first(KafkaBroker broker, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out.get(0);
        }
    }
}
