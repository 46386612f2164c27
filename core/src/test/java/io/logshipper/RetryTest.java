package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class RetryTest {

    /** Refuses the first sends the way KafkaProducer does when metadata or buffer space is missing. */
    static final class RefusingProducer extends KafkaProducer<byte[], byte[]> {
        final AtomicInteger refusalsLeft;

        final AtomicInteger takenFirst;

        RefusingProducer(Map<String, Object> config, int refusals) {
            this(config, 0, refusals);
        }

        /** Takes {@code takenFirst} sends, then refuses {@code refusals}, then takes every send. */
        RefusingProducer(Map<String, Object> config, int takenFirst, int refusals) {
            super(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.takenFirst = new AtomicInteger(takenFirst);
            this.refusalsLeft = new AtomicInteger(refusals);
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (takenFirst.getAndDecrement() <= 0 && refusalsLeft.getAndDecrement() > 0) {
                callback.onCompletion(null, new TimeoutException("Topic not present in metadata after 2000 ms."));
                return java.util.concurrent.CompletableFuture.failedFuture(new TimeoutException("refused"));
            }
            return super.send(record, callback);
        }
    }

    @Test
    void aMessageKafkaDidNotTakeIsSentAgainSoonWithoutLosingEntries(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("retry");
        broker.createTopic(topic, 1);
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("retry").interval(Duration.ofHours(1)).sendWhenIdle(false).maxBufferedEntries(20)
                .producerFactory(config -> new RefusingProducer(config, 2))
                .build();
        for (int i = 0; i < 15; i++) {
            shipper.log("entry " + i);
        }

        // The interval is an hour: only the retry after the back-off can deliver these.
        await().atMost(Duration.ofSeconds(20)).until(() -> shipper.stats().delivered() == 15);
        shipper.close(Duration.ofSeconds(10));
        List<String> texts = Shipped.texts(broker, topic);
        assertThat(texts).hasSize(15).startsWith("entry 0").endsWith("entry 14");
        assertThat(shipper.stats().failed()).isZero();
    }

    @Test
    void aMessageRefusedBetweenOthersArrivesIntactAndInOrder(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("retry-middle");
        broker.createTopic(topic, 1);
        // Small messages: the batch becomes several, the second is refused, and the later ones are assembled
        // while it waits. Each must arrive as it was built.
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("retry-middle").interval(Duration.ofHours(1)).sendWhenIdle(false).maxMessageBytes(1024)
                .producerFactory(config -> new RefusingProducer(config, 1, 1))
                .build();
        List<String> expected = java.util.stream.IntStream.range(0, 60)
                .mapToObj(i -> "entry " + i + " " + "abcdefghij".repeat(i % 9)).toList();
        expected.forEach(shipper::log);

        await().atMost(Duration.ofSeconds(20)).until(() -> shipper.stats().delivered() == 60);
        shipper.close(Duration.ofSeconds(10));
        assertThat(broker.readAll(topic)).hasSizeGreaterThan(3);
        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(expected);
        assertThat(shipper.stats().failed()).isZero();
    }
}
