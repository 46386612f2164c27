package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With no broker at all, building, logging and closing must stay quick. These bounds are generous behaviour
 * checks (the peers block for 60 s per call here); the speed itself is measured by the benchmarks.
 */
@Timeout(60)
class NeverBlockTest {

    private static final String UNREACHABLE = "127.0.0.1:1";

    @Test
    void buildAndLogReturnAtOnceWhenTheBrokerIsUnreachable() {
        AtomicReference<String> producerThread = new AtomicReference<>();
        long start = System.nanoTime();
        LogShipper shipper = LogShipper.builder().bootstrapServers(UNREACHABLE).topic("logs").programId("down")
                .interval(Duration.ofMillis(100))
                .producerFactory(config -> {
                    producerThread.set(Thread.currentThread().getName());
                    return new org.apache.kafka.clients.producer.KafkaProducer<>(config,
                            new org.apache.kafka.common.serialization.ByteArraySerializer(),
                            new org.apache.kafka.common.serialization.ByteArraySerializer());
                })
                .build();
        for (int i = 0; i < 10_000; i++) {
            shipper.log("entry " + i);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isLessThan(2_000);
        long closeStart = System.nanoTime();
        long undelivered = shipper.close(Duration.ofSeconds(1));
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;

        assertThat(closeMillis).isLessThan(1_500);
        assertThat(undelivered).isEqualTo(10_000);
        assertThat(producerThread.get()).startsWith("logshipper-down");
    }

    @Test
    void closeIsIdempotentAndLaterEntriesAreRefusedAndCounted() {
        LogShipper shipper = LogShipper.builder().bootstrapServers(UNREACHABLE).topic("logs").programId("closed")
                .build();
        shipper.log("before");
        long first = shipper.close(Duration.ofMillis(500));
        long second = shipper.close(Duration.ofMillis(500));

        assertThat(second).isEqualTo(first);
        assertThat(shipper.log("after")).isFalse();
        assertThat(shipper.stats().dropped()).isEqualTo(1);
        assertThat(shipper.stats().droppedClosed()).isEqualTo(1);
        assertThat(shipper.stats().droppedBufferFull()).isZero();
        assertThat(shipper.isClosed()).isTrue();
    }

    @Test
    void closeWorksFromAShutdownHookThread() throws Exception {
        LogShipper shipper = LogShipper.builder().bootstrapServers(UNREACHABLE).topic("logs").programId("hook")
                .build();
        shipper.log("entry");
        AtomicReference<Long> result = new AtomicReference<>();
        Thread hook = new Thread(() -> result.set(shipper.close(Duration.ofMillis(500))));
        hook.start();
        hook.join(5_000);

        assertThat(result.get()).isEqualTo(1L);
    }
}
