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
class CloseBudgetTest {

    @Test
    void aBudgetTooLargeForNanosecondsMeansWaitAsLongAsItTakes(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("close-huge");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("huge").interval(Duration.ofHours(1)).sendWhenIdle(false).build();
        shipper.log("entry");

        assertThat(shipper.close(Duration.ofSeconds((long) 1e10))).isZero();
        assertThat(shipper.close(Duration.ofSeconds(Long.MAX_VALUE))).isZero();
        assertThat(Shipped.texts(broker, topic)).containsExactly("entry");
    }

    @Test
    void hugeIntervalAndCloseTimeoutSettingsDoNotOverflow(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("close-huge-settings");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("huge-settings").interval(Duration.ofSeconds(Long.MAX_VALUE))
                .closeTimeout(Duration.ofSeconds(Long.MAX_VALUE)).sendWhenIdle(false).build();
        shipper.log("entry");
        shipper.close();

        assertThat(shipper.stats().delivered()).isEqualTo(1);
        assertThat(Shipped.texts(broker, topic)).containsExactly("entry");
    }

    @Test
    void aNegativeBudgetClosesAtOnce() {
        LogShipper shipper = LogShipper.builder().bootstrapServers("127.0.0.1:1").topic("logs").programId("negative")
                .build();
        shipper.log("entry");

        assertThat(shipper.close(Duration.ofSeconds(-5))).isEqualTo(1);
        assertThat(shipper.isClosed()).isTrue();
    }
}
