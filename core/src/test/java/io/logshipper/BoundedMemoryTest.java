package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class BoundedMemoryTest {

    @Test
    void dropsNewestEntriesWhenFullAndReportsCountInTheNextMessage(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("bounded");
        broker.createTopic(topic, 1);
        CountDownLatch producerMayStart = new CountDownLatch(1);
        // Holding the shipper's thread in producer construction makes the buffer fill deterministically.
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("bounded").interval(Duration.ofHours(1)).sendWhenIdle(false).maxBufferedEntries(10)
                .producerFactory(config -> {
                    await(producerMayStart);
                    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                })
                .build();
        int accepted = 0;
        for (int i = 0; i < 15; i++) {
            if (shipper.log("entry " + i)) {
                accepted++;
            }
        }
        producerMayStart.countDown();
        shipper.close(Duration.ofSeconds(20));

        assertThat(accepted).isEqualTo(10);
        assertThat(shipper.stats().dropped()).isEqualTo(5);
        assertThat(shipper.stats().droppedBufferFull()).isEqualTo(5);
        List<String> all = Shipped.entries(broker, topic).stream().map(e -> e.asText()).toList();
        assertThat(all.get(0)).contains("logshipper: dropped 5 log entries since ").contains("buffer was full");
        assertThat(all.subList(1, all.size())).containsExactly("entry 0", "entry 1", "entry 2", "entry 3",
                "entry 4", "entry 5", "entry 6", "entry 7", "entry 8", "entry 9");
    }

    @Test
    void capsBufferedCharactersAsWellAsEntries() {
        LogShipper shipper = LogShipper.builder().bootstrapServers("127.0.0.1:1").topic("logs").programId("chars")
                .maxBufferedBytes(10_000).build();
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            if (shipper.log("y".repeat(1_000))) {
                accepted++;
            }
        }
        shipper.close(Duration.ofMillis(300));

        assertThat(accepted).isBetween(1, 10);
        assertThat(shipper.stats().dropped()).isEqualTo(100 - accepted + 0L);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
