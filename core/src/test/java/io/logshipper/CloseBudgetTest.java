package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.logshipper.config.SettingException;
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
    void hugeIntervalAndCloseTimeoutSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> LogShipper.builder().interval(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(SettingException.class)
                .hasMessage("intervalSecs must be a decimal number of seconds from 0.001 to 86400, not '"
                        + Long.MAX_VALUE + "'");
        assertThatThrownBy(() -> LogShipper.builder().closeTimeout(Duration.ofSeconds((long) 1e10)))
                .isInstanceOf(SettingException.class)
                .hasMessage("closeTimeoutSecs must be a decimal number of seconds from 0 to 3600, not '10000000000'");
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
