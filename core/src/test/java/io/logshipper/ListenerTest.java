package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

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
}
