package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** Each reconfiguration replaces the shipper; the old one's thread and producer must go with it. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReconfigurationTest {

    @AfterEach
    void reset() {
        Log4jFixture.quiet();
    }

    @Test
    void reconfiguringTwentyTimesLeavesOneShipperAndOneProducer(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-reconf");
        broker.createTopic(topic, 1);
        Log4jFixture.use("shipping.xml", Map.of("bootstrap", broker.bootstrapServers(), "topic", topic,
                "programId", "reconf"));

        for (int i = 0; i < 20; i++) {
            LogManager.getLogger("app.reconf").info("before-reconfigure-{}", i);
            Configurator.reconfigure(Log4jFixture.uri("shipping.xml"));
        }
        LogManager.getLogger("app.reconf").info("after-reconfigure");

        assertThat(threads("logshipper-")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(threads("kafka-producer-network-thread | logshipper")).isLessThanOrEqualTo(1);
            assertThat(Log4jFixture.textEntries(broker, topic, "reconfigure")).hasSize(21);
        });
    }

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
