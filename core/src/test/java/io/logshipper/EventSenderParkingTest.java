package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A unit test of one rule, with a MockProducer that has no metadata for one topic (as for a topic that does not
 * exist and is not created): that topic's events wait apart, in order, while other topics' events go on. The real
 * broker tests cover everything else.
 */
@Timeout(60)
class EventSenderParkingTest {

    private static final Node NODE = new Node(0, "localhost", 9092);

    private static PartitionInfo partition(String topic) {
        return new PartitionInfo(topic, 0, NODE, new Node[] {NODE}, new Node[] {NODE});
    }

    /** Refuses the topic "missing" as the producer does when its metadata does not arrive within max.block.ms. */
    static final class NoMetadataFor extends MockProducer<byte[], byte[]> {
        volatile boolean available;

        NoMetadataFor() {
            super(new Cluster("c", List.of(NODE), List.of(partition("missing"), partition("present")), Set.of(),
                    Set.of()), true, new RoundRobinPartitioner(), // not null: kafka-clients 3.0's MockProducer
                    new ByteArraySerializer(), new ByteArraySerializer());    // needs a partitioner for a known topic
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (record.topic().equals("missing") && !available) {
                TimeoutException e = new TimeoutException("Topic missing not present in metadata after 2000 ms.");
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
        }
    }

    @Test
    void eventsForATopicWithoutMetadataWaitApartInOrderWhileOtherTopicsGoOn() {
        NoMetadataFor producer = new NoMetadataFor();
        EventSender events = LogShipper.builder().bootstrapServers("unused:9092").programId("parking")
                .producerFactory(config -> producer).shutdownHook(false).buildEventSender();
        for (int i = 0; i < 3; i++) {
            assertThat(events.send("missing", "k", "m" + i)).isTrue();
            assertThat(events.send("present", "k", "p" + i)).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stats().byTopic().get("present").delivered() == 3);
        assertThat(events.stats().byTopic().get("missing").delivered()).isZero();

        producer.available = true;
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stats().delivered() == 6);
        assertThat(events.send("missing", "k", "m3")).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stats().delivered() == 7);
        List<String> missing = producer.history().stream().filter(r -> r.topic().equals("missing"))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(missing).containsExactly("m0", "m1", "m2", "m3");
        assertThat(events.close(Duration.ofSeconds(2))).isZero();
    }
}
