package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.ShipperHealth.State;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker.Listener;
import io.logshipper.testing.CapturedOutput;
import io.logshipper.testing.SecuredKafkaExtension;

/** Health and listeners against the real secured broker, where credentials can be wrong. */
@ExtendWith({SecuredKafkaExtension.class, CapturedOutput.class})
@Timeout(90)
class SecuredHealthTest {

    @Test
    void aWrongPasswordIsFailedHeardAsFailedMessagesAndNeverShowsThePassword(SecuredKafkaBroker broker) {
        String wrong = "wrong-pw-" + Long.toHexString(System.nanoTime());
        Map<String, String> kafka = new LinkedHashMap<>(broker.clientSettings(Listener.SASL_PLAINTEXT,
                "SCRAM-SHA-512", SecuredKafkaExtension.SCRAM_USER, wrong));
        String servers = kafka.remove("bootstrap.servers");
        RecordingListener listener = new RecordingListener();
        LogShipper shipper = LogShipper.builder().bootstrapServers(servers).producerConfig(kafka)
                .topic(KafkaBroker.uniqueTopic("health-auth")).programId("refused").interval(Duration.ofMillis(100))
                .sendWhenIdle(false).shutdownHook(false).listener(listener).build();
        shipper.log("entry");

        await().atMost(Duration.ofSeconds(60)).until(() -> shipper.health().state() == State.FAILED);
        ShipperHealth failed = shipper.health();
        assertThat(failed.lastError()).contains("Authentication").doesNotContain(wrong);
        assertThat(failed.lastSuccessfulSend()).isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.failures.isEmpty());

        assertThat(shipper.close(Duration.ofSeconds(3))).isEqualTo(1);
        assertThat(shipper.health().state()).isEqualTo(State.STOPPED);
        assertThat(listener.states).contains(State.FAILED).endsWith(State.STOPPED);
    }
}
