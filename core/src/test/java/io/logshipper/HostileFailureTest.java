package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.spi.DeferredEntry;
import io.logshipper.testing.Hostile;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * Failures whose own description fails, or is huge, cost the entry they belong to and nothing else: the shipper's
 * thread keeps shipping, the adapter's call returns, and the notices that report them still fit the message size.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class HostileFailureTest {

    @Test
    void anEntryWhoseFailureCannotBeDescribedIsCountedAndTheRestStillShip(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("hostile-failure");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("hostile").interval(Duration.ofHours(1)).sendWhenIdle(false).build();
        shipper.log("before");
        shipper.log(new DeferredEntry() {
            @Override
            public String render() {
                throw (RuntimeException) Hostile.exception();
            }

            @Override
            public int sizeEstimate() {
                return 10;
            }
        });
        assertThatCode(() -> shipper.unrenderable(Hostile.exception())).doesNotThrowAnyException();
        shipper.log("after");

        assertThat(shipper.close(Duration.ofSeconds(20))).isEqualTo(1);
        assertThat(shipper.stats().droppedUnrenderable()).isEqualTo(2);
        assertThat(Shipped.texts(broker, topic)).containsExactly("before", "after");
    }

    @Test
    void noticesOfHugeFailuresStillFitTheSmallestMessage(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("hostile-notices");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("notices").maxMessageBytes(1024).interval(Duration.ofHours(1)).sendWhenIdle(false)
                .build();
        shipper.unrenderable(new IllegalStateException("x".repeat(3000), new RuntimeException("y".repeat(3000))));
        shipper.log(new DeferredEntry() {
            @Override
            public String render() {
                throw new IllegalArgumentException("z".repeat(50_000));
            }

            @Override
            public int sizeEstimate() {
                return 10;
            }
        });
        shipper.log("last");
        shipper.close(Duration.ofSeconds(20));

        assertThat(broker.readAll(topic)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.rawValue().length).isLessThanOrEqualTo(1024));
        assertThat(Shipped.texts(broker, topic)).containsExactly("last");
        // Both drops are reported in-band, the second in a message of its own after the last entry.
        assertThat(Shipped.entries(broker, topic)).map(JsonNode::asText)
                .anySatisfy(t -> assertThat(t).contains("could not be rendered; last error: IllegalStateException: xxx"))
                .anySatisfy(t -> assertThat(t).contains("could not be rendered; last error: IllegalArgumentException: zzz"));
    }
}
