package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.RecordTooLargeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.ShipperHealth.State;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class ListenerTest {

    @Test
    void hearsEverySentMessageWithItsEntriesOnTheShippersThreadOnly(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("listener-sent");
        RecordingListener listener = new RecordingListener();
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("heard").interval(Duration.ofMillis(200)).sendWhenIdle(false).shutdownHook(false)
                .listener(listener).build();
        for (int i = 0; i < 3; i++) {
            shipper.log("entry " + i);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.sentEntries() == 3);
        assertThat(shipper.close(Duration.ofSeconds(10))).isZero();

        assertThat(listener.sent).allSatisfy(s -> {
            assertThat(s.bytes()).isGreaterThan(0);
            assertThat(s.latency()).isPositive().isLessThan(Duration.ofSeconds(30));
        });
        assertThat(listener.sent.stream().mapToLong(RecordingListener.Sent::bytes).sum())
                .isEqualTo(broker.readAll(topic).stream().mapToLong(r -> r.value().getBytes().length).sum());
        assertThat(listener.calls).startsWith("started heard", "health STARTING->CONNECTED")
                .endsWith("health CONNECTED->STOPPED", "stopped heard");
        assertThat(listener.threads).containsOnly("logshipper-heard");
        assertThat(listener.stoppedWith.delivered()).isEqualTo(3);
    }

    @Test
    void hearsEntriesDroppedOnAFullBufferAsManyAsWereCounted(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("listener-full");
        RecordingListener listener = new RecordingListener();
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("full").interval(Duration.ofMillis(200)).sendWhenIdle(false).shutdownHook(false)
                .maxBufferedEntries(2).listener(listener).build();
        for (int i = 0; i < 1000; i++) {
            shipper.log("entry " + i);
        }

        long dropped = shipper.stats().droppedBufferFull();
        assertThat(dropped).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.droppedBufferFull.get() == dropped);
        shipper.close(Duration.ofSeconds(10));
        assertThat(listener.droppedBufferFull).hasValue(dropped);
        assertThat(listener.calls).doesNotContain("dropped CLOSED", "dropped UNRENDERABLE");
    }

    @Test
    void aThrowingListenerIsCountedAndNeitherStopsDeliveryNorTheOtherListeners(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("listener-throws");
        ShipperListener throwing = new ShipperListener() {
            @Override
            public void started(String programId) {
                throw new IllegalStateException("started");
            }

            @Override
            public void messageSent(String programId, int entries, int bytes, Duration latency) {
                throw new IllegalStateException("sent");
            }

            @Override
            public void healthChanged(String programId, ShipperHealth previous, ShipperHealth current) {
                throw new StackOverflowError("health");
            }
        };
        RecordingListener after = new RecordingListener();
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("throws").interval(Duration.ofMillis(100)).sendWhenIdle(false).shutdownHook(false)
                .listener(throwing).listener(after).build();
        shipper.log("first");
        await().atMost(Duration.ofSeconds(30)).until(() -> after.sentEntries() == 1);
        shipper.log("second");
        await().atMost(Duration.ofSeconds(30)).until(() -> after.sentEntries() == 2);

        assertThat(shipper.close(Duration.ofSeconds(10))).isZero();
        assertThat(Shipped.texts(broker, topic)).containsExactly("first", "second");
        // started, one health change to CONNECTED, two messages, the change to STOPPED.
        assertThat(shipper.stats().listenerFailures()).isEqualTo(5);
        assertThat(after.calls).contains("started throws", "stopped throws");
    }

    @Test
    void hearsAMessageTheBrokerRefusesAsFailedAndHealthIsDegradedUntilTheNextAcknowledgement(KafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("listener-refused");
        try (Admin admin = broker.admin()) {
            // The broker refuses records above 3000 bytes on this topic; the shipper allows up to 8000.
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "3000")))).all().get();
        }
        RecordingListener listener = new RecordingListener();
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("refused").interval(Duration.ofMillis(100)).sendWhenIdle(false).shutdownHook(false)
                .producerSetting("compression.type", "none").maxMessageBytes(8000).listener(listener).build();
        shipper.log("too big " + "z".repeat(6000));

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.failures.size() == 1);
        assertThat(listener.failures.get(0)).isInstanceOf(RecordTooLargeException.class);
        // The next message (the shipper's notice of the failure, then this entry) is acknowledged: CONNECTED again.
        shipper.log("small one");
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.stats().delivered() == 1);
        assertThat(shipper.health().state()).isEqualTo(State.CONNECTED);
        assertThat(shipper.health().lastError()).startsWith("RecordTooLargeException");
        shipper.close(Duration.ofSeconds(10));

        assertThat(listener.states).containsExactly(State.DEGRADED, State.CONNECTED, State.STOPPED);
        assertThat(listener.stoppedWith.failed()).isEqualTo(1);
        assertThat(listener.stoppedWith.delivered()).isEqualTo(1);
    }
}
