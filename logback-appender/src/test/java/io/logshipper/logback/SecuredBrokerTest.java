package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker.Listener;
import io.logshipper.testing.SecuredKafkaExtension;

/**
 * The appender configured by real Joran XML against the secured broker: {@code <producerConfig>} pass-through and an
 * OpenMSIStream-style INI file through {@code <configFile>}, over SASL_PLAINTEXT SCRAM-SHA-512 and over SSL.
 */
@ExtendWith(SecuredKafkaExtension.class)
@Timeout(90)
class SecuredBrokerTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"SASL_PLAINTEXT", "SSL"})
    void shipsOverASecuredListenerWithProducerConfigPassThrough(Listener listener, SecuredKafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-secure");
        Map<String, String> properties = Map.of(
                "topic", topic,
                "bootstrap", broker.bootstrapServers(listener),
                "kafkaUser", SecuredKafkaExtension.SCRAM_USER,
                "kafkaPassword", SecuredKafkaExtension.SCRAM_PASSWORD,
                "caFile", broker.certificates().brokerCertificatePem().toString());
        String fixture = listener == Listener.SSL ? "secured-ssl" : "secured-scram";

        assertShips(broker, topic, Fixtures.context(fixture, properties), "through producerConfig over " + listener);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SASL_PLAINTEXT", "SSL"})
    void shipsOverASecuredListenerWithAnOpenMsiStreamStyleConfigFile(Listener listener, SecuredKafkaBroker broker)
            throws IOException {
        String topic = KafkaBroker.uniqueTopic("lb-secure-ini");
        String security = listener == Listener.SSL
                ? "ssl.ca.location = " + broker.certificates().brokerCertificatePem() + "\n"
                : "sasl.mechanisms = SCRAM-SHA-512\nsasl.username = " + SecuredKafkaExtension.SCRAM_USER
                        + "\nsasl.password = " + SecuredKafkaExtension.SCRAM_PASSWORD + "\n";
        Path ini = Files.writeString(dir.resolve("openmsistream.config"), "[broker]\nbootstrap.servers = "
                + broker.bootstrapServers(listener) + "\nsecurity.protocol = " + listener.protocol() + "\n" + security
                + "\n[log]\ntopic = " + topic + "\n");

        assertShips(broker, topic, Fixtures.context("config-file", Map.of("iniFile", ini.toString(), "topic", topic)),
                "through an INI file over " + listener);
    }

    private static void assertShips(SecuredKafkaBroker broker, String topic, LoggerContext context, String text) {
        try {
            context.getLogger("io.example.Secured").info(text);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !Fixtures.texts(broker.plaintext(), topic).isEmpty());
        } finally {
            context.stop();
        }

        assertThat(Fixtures.texts(broker.plaintext(), topic)).containsExactly(text);
        assertThat(context.getStatusManager().getCopyOfStatusList()).map(Status::toString)
                .noneMatch(s -> s.contains(SecuredKafkaExtension.SCRAM_PASSWORD));
        assertThat(Fixtures.statuses(context, Status.ERROR)).isEmpty();
    }
}
