package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker.Listener;
import io.logshipper.testing.SecuredKafkaExtension;

/**
 * {@code <KafkaLog>} configured from XML against the secured broker: {@code <Property>} pass-through and an
 * OpenMSIStream-style INI file through {@code configFile}, over SASL_PLAINTEXT SCRAM-SHA-512 and over SSL.
 */
@ExtendWith(SecuredKafkaExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SecuredBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private StatusRecorder status;

    @BeforeEach
    void listen() {
        status = StatusRecorder.register();
    }

    @AfterEach
    void reset() {
        Log4jFixture.quiet();
        status.unregister();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SASL_PLAINTEXT", "SSL"})
    void shipsOverASecuredListenerWithPropertyPassThrough(Listener listener, SecuredKafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-secure");
        String text = "through Property over " + listener;
        Log4jFixture.use(listener == Listener.SSL ? "secured-ssl.xml" : "secured-scram.xml", Map.of(
                "topic", topic,
                "bootstrap", broker.bootstrapServers(listener),
                "kafkaUser", SecuredKafkaExtension.SCRAM_USER,
                "kafkaPassword", SecuredKafkaExtension.SCRAM_PASSWORD,
                "caFile", broker.certificates().brokerCertificatePem().toString()));

        assertShips(broker, topic, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SASL_PLAINTEXT", "SSL"})
    void shipsOverASecuredListenerWithAnOpenMsiStreamStyleConfigFile(Listener listener, SecuredKafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("l4j-secure-ini");
        String security = listener == Listener.SSL
                ? "ssl.ca.location = " + broker.certificates().brokerCertificatePem() + "\n"
                : "sasl.mechanisms = SCRAM-SHA-512\nsasl.username = " + SecuredKafkaExtension.SCRAM_USER
                        + "\nsasl.password = " + SecuredKafkaExtension.SCRAM_PASSWORD + "\n";
        Path ini = Files.writeString(dir.resolve("openmsistream.config"), "[broker]\nbootstrap.servers = "
                + broker.bootstrapServers(listener) + "\nsecurity.protocol = " + listener.protocol() + "\n" + security
                + "\n[log]\ntopic = " + topic + "\ninterval.secs = 0.2\n");
        Log4jFixture.use("config-file.xml", Map.of("iniFile", ini.toString()));

        assertShips(broker, topic, "through an INI file over " + listener);
    }

    private void assertShips(SecuredKafkaBroker broker, String topic, String text) {
        LogManager.getLogger("app.secured").info(text);

        // The INI fixture has no layout of its own, so the entry may carry a timestamp and level before the text.
        await().atMost(WAIT).untilAsserted(() -> assertThat(Log4jFixture.textEntries(broker.plaintext(), topic, text))
                .singleElement().asString().endsWith(text));
        assertThat(status.errors()).isEmpty();
        assertThat(status.errors().toString()).doesNotContain(SecuredKafkaExtension.SCRAM_PASSWORD);
    }
}
