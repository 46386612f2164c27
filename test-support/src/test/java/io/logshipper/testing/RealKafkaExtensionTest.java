package io.logshipper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class RealKafkaExtensionTest {

    @Test
    void readsBackEveryRecordProducedToANewTopic(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("ext");
        broker.createTopic(topic, 2);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, bytes("k" + i), bytes("v" + i))).get();
            }
        }

        assertThat(broker.readAll(topic))
                .extracting(ShippedRecord::value)
                .containsExactly("v0", "v2", "v4", "v6", "v8", "v1", "v3", "v5", "v7", "v9");
    }

    @Test
    void readsAMissingTopicAsEmpty(KafkaBroker broker) {
        assertThat(broker.readAll(KafkaBroker.uniqueTopic("absent"))).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
