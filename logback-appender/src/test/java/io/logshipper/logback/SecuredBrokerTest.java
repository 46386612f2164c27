package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;

import io.logshipper.testing.AllowedOAuthUrls;
import io.logshipper.testing.CapturedOutput;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.PrintedSecrets;
import io.logshipper.testing.SecuredKafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker.Listener;
import io.logshipper.testing.SecuredKafkaExtension;
import io.logshipper.testing.TestCertificates;
import io.logshipper.testing.TestTokenServer;

/**
 * The appender configured by real Joran XML against the secured broker: {@code <producerConfig>} pass-through and an
 * OpenMSIStream-style INI file through {@code <configFile>}: PLAIN, SCRAM-SHA-512, SSL, SASL_SSL (SCRAM-SHA-256),
 * mutual TLS and OAUTHBEARER (logshipper's refresh-token handler). No secret in the status messages or in anything
 * the test JVM printed ({@link CapturedOutput}).
 */
@ExtendWith({SecuredKafkaExtension.class, CapturedOutput.class})
@Timeout(90)
class SecuredBrokerTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "secured-plain, SASL_PLAINTEXT",
        "secured-scram, SASL_PLAINTEXT",
        "secured-ssl, SSL",
        "secured-sasl-ssl, SASL_SSL",
        "secured-mtls, MTLS",
        "secured-oauth, SASL_PLAINTEXT",
    })
    void shipsOverASecuredListenerWithProducerConfigPassThrough(String fixture, Listener listener,
                                                                SecuredKafkaBroker broker, TestTokenServer tokens)
            throws IOException {
        String topic = KafkaBroker.uniqueTopic("lb-" + fixture);
        boolean plain = fixture.equals("secured-plain");
        // In XML the JAAS value is written as JAAS wants it: a quote or backslash in a password escaped.
        String password = plain ? jaasEscaped(SecuredKafkaExtension.PLAIN_PASSWORD) : SecuredKafkaExtension.SCRAM_PASSWORD;
        Map<String, String> properties = new HashMap<>();
        properties.put("topic", topic);
        properties.put("bootstrap", broker.bootstrapServers(listener));
        properties.put("kafkaUser", plain ? SecuredKafkaExtension.PLAIN_USER : SecuredKafkaExtension.SCRAM_USER);
        properties.put("kafkaPassword", password);
        properties.put("caFile", broker.certificates().brokerCertificatePem().toString());
        properties.put("keystore", broker.certificates().clientKeystore().toString());
        properties.put("keystorePassword", TestCertificates.PASSWORD);
        properties.put("tokenUrl", tokens.tokenUrl());
        properties.put("refreshTokenFile", Files.writeString(dir.resolve("refresh-token"),
                SecuredKafkaExtension.REFRESH_TOKEN).toString());

        // Only the OAuth fixture needs the token URL allowed; the application decides that, here the test.
        try (AllowedOAuthUrls allowed = AllowedOAuthUrls.allow(tokens.tokenUrl())) {
            assertShips(broker, topic, Fixtures.context(fixture, properties), "through producerConfig over " + listener);
        }
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

    private static String jaasEscaped(String s) {
        String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"");
        PrintedSecrets.register(escaped);
        return escaped;
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
        PrintedSecrets.assertNoneIn("Logback's status messages", context.getStatusManager().getCopyOfStatusList()
                .stream().map(Status::toString).collect(Collectors.joining("\n")));
        assertThat(Fixtures.statuses(context, Status.ERROR)).isEmpty();
    }
}
