package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class TopicCreationTest {

    @Test
    void firstMessageArrivesOnATopicTheBrokerAutoCreates(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("auto");
        assertThat(broker.topicExists(topic)).isFalse();
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("auto").interval(Duration.ofHours(1)).sendWhenIdle(false).build();
        shipper.log("the very first entry");

        assertThat(shipper.close(Duration.ofSeconds(20))).isZero();
        assertThat(Shipped.texts(broker, topic)).containsExactly("the very first entry");
    }

    @Test
    void createsTheTopicThroughTheAdminApiWithTheGivenPartitions(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("admin");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("admin").interval(Duration.ofHours(1)).sendWhenIdle(false)
                .createTopic(3, (short) 1).build();
        shipper.log("entry on a created topic");

        assertThat(shipper.close(Duration.ofSeconds(20))).isZero();
        assertThat(broker.partitionCount(topic)).isEqualTo(3);
        assertThat(Shipped.texts(broker, topic)).containsExactly("entry on a created topic");
    }
}
