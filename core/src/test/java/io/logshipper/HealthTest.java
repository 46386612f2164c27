package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.ShipperHealth.State;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class HealthTest {

    @Test
    void startsStartingIsConnectedOnceABrokerAcknowledgesAndStoppedAfterClose(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("health-ok");
        Instant before = Instant.now();
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("healthy").interval(Duration.ofMillis(100)).sendWhenIdle(false).shutdownHook(false)
                .build();

        // Nothing logged and nothing sent when idle: nothing has reached Kafka yet.
        assertThat(shipper.health().state()).isEqualTo(State.STARTING);
        assertThat(shipper.health().lastSuccessfulSend()).isNull();
        shipper.log("entry");
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.health().state() == State.CONNECTED);
        ShipperHealth connected = shipper.health();
        assertThat(connected.lastSuccessfulSend()).isAfterOrEqualTo(before);
        assertThat(connected.since()).isAfterOrEqualTo(before);
        assertThat(connected.lastError()).isNull();

        shipper.close(Duration.ofSeconds(10));
        ShipperHealth stopped = shipper.health();
        assertThat(stopped.state()).isEqualTo(State.STOPPED);
        assertThat(stopped.lastSuccessfulSend()).isEqualTo(connected.lastSuccessfulSend());
        assertThat(shipper.stats().delivered()).isEqualTo(1);
    }

    @Test
    void isDegradedWithTheLastErrorWhileNoBrokerAnswers() {
        RecordingListener listener = new RecordingListener();
        LogShipper shipper = LogShipper.builder().bootstrapServers("127.0.0.1:1").topic("logs")
                .programId("unreachable").interval(Duration.ofMillis(100)).shutdownHook(false)
                .producerSetting("max.block.ms", "300").listener(listener).build();
        shipper.log("entry");

        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.health().state() == State.DEGRADED);
        assertThat(shipper.health().lastError()).startsWith("TimeoutException");
        assertThat(shipper.health().lastSuccessfulSend()).isNull();

        assertThat(shipper.close(Duration.ofSeconds(2))).isEqualTo(1);
        assertThat(shipper.health().state()).isEqualTo(State.STOPPED);
        assertThat(shipper.health().lastError()).startsWith("TimeoutException");
        assertThat(listener.states).containsSubsequence(State.DEGRADED, State.STOPPED).doesNotContain(State.CONNECTED);
    }
}
