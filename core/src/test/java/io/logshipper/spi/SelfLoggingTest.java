package io.logshipper.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.logshipper.LogShipper;

@Timeout(30)
class SelfLoggingTest {

    @Test
    void recognisesTheKafkaClientsLoggersOnly() {
        assertThat(SelfLogging.isKafkaClientLogger("org.apache.kafka")).isTrue();
        assertThat(SelfLogging.isKafkaClientLogger("org.apache.kafka.clients.producer.KafkaProducer")).isTrue();
        assertThat(SelfLogging.isKafkaClientLogger("org.apache.kafka.common.network.Selector")).isTrue();
        assertThat(SelfLogging.isKafkaClientLogger("org.apache.kafkaesque.App")).isFalse();
        assertThat(SelfLogging.isKafkaClientLogger("com.example.kafka.Consumer")).isFalse();
        assertThat(SelfLogging.isKafkaClientLogger(null)).isFalse();
    }

    @Test
    void anApplicationThreadIsNotInternal() {
        assertThat(SelfLogging.isInternalThread()).isFalse();
        assertThat(SelfLogging.mustNotShip("com.example.App")).isFalse();
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.clients.NetworkClient")).isTrue();
    }

    @Test
    void recognisesShipperThreadsByNameForEventsAppendedElsewhere() {
        assertThat(SelfLogging.mustNotShip("com.example.App", "logshipper-billing")).isTrue();
        assertThat(SelfLogging.mustNotShip("com.example.App", "kafka-producer-network-thread | logshipper-3")).isTrue();
        assertThat(SelfLogging.mustNotShip("com.example.App", "kafka-producer-network-thread | producer-1")).isFalse();
        assertThat(SelfLogging.mustNotShip("com.example.App", "main")).isFalse();
        assertThat(SelfLogging.mustNotShip("com.example.App", null)).isFalse();
    }

    @Test
    void theShippersOwnThreadIsInternal() {
        AtomicBoolean internal = new AtomicBoolean();
        LogShipper shipper = LogShipper.builder().bootstrapServers("127.0.0.1:1").topic("t").programId("self")
                .producerFactory(config -> {
                    internal.set(SelfLogging.mustNotShip("com.example.App"));
                    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
                })
                .build();
        shipper.close(Duration.ofSeconds(5));

        assertThat(internal).isTrue();
    }
}
