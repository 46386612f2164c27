package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.internal.ProducerPool;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class SharedProducerTest {

    @Test
    void shippersWithEqualProducerSettingsShareOneProducerUntilTheLastCloses(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("shared");
        broker.createTopic(topic, 1);
        String servers = broker.bootstrapServers();
        int before = ProducerPool.SHARED.openProducers();
        LogShipper a = LogShipper.builder().bootstrapServers(servers).producerSetting("linger.ms", "7")
                .topic(topic).programId("a").interval(Duration.ofMillis(100)).sendWhenIdle(false).build();
        LogShipper b = LogShipper.builder().bootstrapServers(servers).producerSetting("linger.ms", "7")
                .topic(topic).programId("b").interval(Duration.ofMillis(100)).sendWhenIdle(false).build();
        a.log("from a");
        b.log("from b");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.stats().delivered() == 1 && b.stats().delivered() == 1);
        assertThat(ProducerPool.SHARED.openProducers()).isEqualTo(before + 1);

        a.close(Duration.ofSeconds(10));
        b.log("b still ships after a closed");
        await().atMost(Duration.ofSeconds(20)).until(() -> b.stats().delivered() == 2);
        assertThat(ProducerPool.SHARED.openProducers()).isEqualTo(before + 1);

        b.close(Duration.ofSeconds(10));
        assertThat(ProducerPool.SHARED.openProducers()).isEqualTo(before);
        assertThat(Shipped.texts(broker, topic))
                .containsExactlyInAnyOrder("from a", "from b", "b still ships after a closed");
    }
}
