package io.logshipper.log4j2;

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
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** The {@code headers} attribute, with Log4j's lookups, reaches every message as Kafka record headers. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class HeadersTest {

    @AfterEach
    void quiet() {
        Log4jFixture.quiet();
    }

    @Test
    void configuredHeadersFollowTheDefaultOnesAndTheKeyNamesTheReplica(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-headers");
        broker.createTopic(topic, 1);
        LoggerContext ctx = Log4jFixture.use("headers.xml", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic, "env", "staging"));
        String hostname = ctx.getConfiguration().getStrSubstitutor().replace("${hostName}");
        LogManager.getLogger("app.orders").info("with headers");

        ConsumerRecord<byte[], byte[]> r = first(broker, topic);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("orders-" + hostname + "_log");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers.keySet()).containsExactly("host", "content-type", "env", "pod");
        assertThat(headers).containsEntry("content-type", "application/json").containsEntry("env", "staging")
                .containsEntry("pod", hostname);
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
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return !out.isEmpty();
            });
            return out.get(0);
        }
    }
}
