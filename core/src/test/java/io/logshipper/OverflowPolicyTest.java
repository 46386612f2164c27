package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** {@code overflow = wait:<time>}: a caller waits a bounded time for space, then drops and counts. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class OverflowPolicyTest {

    @Test
    void aCallerWaitsAtMostTheOverflowTimeThenDropsAndCounts(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("overflow-drop");
        broker.createTopic(topic, 1);
        CountDownLatch producerMayStart = new CountDownLatch(1);
        // Holding the shipper's thread in producer construction keeps the buffer full for as long as the test needs.
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("overflow").interval(Duration.ofHours(1)).sendWhenIdle(false).maxBufferedEntries(10)
                .overflowWait(Duration.ofMillis(50))
                .producerFactory(config -> {
                    awaitQuietly(producerMayStart);
                    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                })
                .build();
        try {
            IntStream.range(0, 10).forEach(i -> assertThat(shipper.log("entry " + i)).isTrue());
            for (int i = 10; i < 15; i++) {
                long start = System.nanoTime();
                boolean taken = shipper.log("entry " + i);
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                assertThat(taken).isFalse();
                // At least the configured wait; the upper bound is generous for a loaded 2-core machine.
                assertThat(waited).isBetween(50L, 2_000L);
            }
        } finally {
            producerMayStart.countDown();
            shipper.close(Duration.ofSeconds(30));
        }

        assertThat(shipper.stats().droppedBufferFull()).isEqualTo(5);
        List<String> all = Shipped.entries(broker, topic).stream().map(e -> e.asText()).toList();
        assertThat(all.get(0)).contains("logshipper: dropped 5 log entries since ").contains("buffer was full");
        assertThat(all.subList(1, all.size())).containsExactlyElementsOf(
                IntStream.range(0, 10).mapToObj(i -> "entry " + i).toList());
    }

    @Test
    void aWaitingCallerGetsInOnceTheShipperMakesSpace(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("overflow-wait");
        broker.createTopic(topic, 1);
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("overflow").interval(Duration.ofHours(1)).sendWhenIdle(false).maxBufferedEntries(100)
                .overflowWait(Duration.ofSeconds(5)).build();
        List<String> expected = IntStream.range(0, 5_000).mapToObj(i -> "entry " + i).toList();
        expected.forEach(shipper::log);
        shipper.close(Duration.ofSeconds(30));

        // 50 times the cap, logged as fast as one thread can: nothing dropped, because the caller waited instead.
        assertThat(shipper.stats().dropped()).isZero();
        assertThat(Shipped.entries(broker, topic).stream().map(e -> e.asText()).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void theDefaultNeverWaits() {
        LogShipper shipper = LogShipper.builder().bootstrapServers("127.0.0.1:1").topic("logs").programId("never")
                .maxBufferedEntries(1).shutdownHook(false).build();
        try {
            shipper.log("fills the buffer");
            long start = System.nanoTime();
            assertThat(shipper.log("dropped")).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
        } finally {
            shipper.close(Duration.ZERO);
        }
        assertThat(shipper.config().overflowWait()).isZero();
        assertThat(shipper.stats().droppedBufferFull()).isEqualTo(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
