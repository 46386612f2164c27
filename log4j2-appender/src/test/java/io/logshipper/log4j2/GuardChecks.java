package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.spi.SelfLogging;
import io.logshipper.testing.KafkaBroker;

/** The application's own Kafka consumer, and what must never be shipped of logshipper's own clients. */
final class GuardChecks {

    private GuardChecks() {
    }

    /** The application's own consumer, on this thread: assigned, positioned and polled once. */
    static void consumeBriefly(KafkaBroker broker, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        String topic = KafkaBroker.uniqueTopic("app-input");
        broker.createTopic(topic, 1);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition, Duration.ofSeconds(30));
            consumer.poll(Duration.ofMillis(100));
        }
    }

    /** Whether a JSON entry is a line of the Kafka client whose client id is {@code clientId}. */
    static boolean fromClient(JsonNode entry, String clientId) {
        return entry.isObject() && entry.path("message").asText().contains("clientId=" + clientId);
    }

    /** What logshipper's producers and admin client log carries their thread or their client id. */
    static void assertNothingOfLogshippersOwnClients(List<JsonNode> entries) {
        // The shipper's own notices (logger io.logshipper) are written on its thread, and are not events.
        List<JsonNode> shipped = entries.stream()
                .filter(e -> !"io.logshipper".equals(e.path("logger").asText()))
                .collect(Collectors.toList());
        assertThat(shipped).noneMatch(e -> SelfLogging.isInternalThreadName(e.path("thread").asText()));
        assertThat(shipped).extracting(e -> e.isObject() ? e.path("message").asText() : e.asText())
                .noneMatch(m -> m.contains("[Producer clientId=logshipper-")
                        || m.contains("[AdminClient clientId=logshipper-")
                        || m.contains("client.id = logshipper-"));
    }
}
