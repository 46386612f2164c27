package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
 * {@code <KafkaLog>} configured from XML against the secured broker: {@code <Property>} pass-through and an
 * OpenMSIStream-style INI file through {@code configFile}: PLAIN, SCRAM-SHA-512, SSL, SASL_SSL (SCRAM-SHA-256),
 * mutual TLS and OAUTHBEARER (logshipper's refresh-token handler). No secret in the status messages or in anything
 * the test JVM printed ({@link CapturedOutput}).
 */
@ExtendWith({SecuredKafkaExtension.class, CapturedOutput.class})
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
    @CsvSource({
        "secured-plain, SASL_PLAINTEXT",
        "secured-scram, SASL_PLAINTEXT",
        "secured-ssl, SSL",
        "secured-sasl-ssl, SASL_SSL",
        "secured-mtls, MTLS",
        "secured-oauth, SASL_PLAINTEXT",
    })
    void shipsOverASecuredListenerWithPropertyPassThrough(String fixture, Listener listener, SecuredKafkaBroker broker,
                                                          TestTokenServer tokens) throws Exception {
        String topic = KafkaBroker.uniqueTopic("l4j-" + fixture);
        String text = "through Property over " + listener + " (" + fixture + ")";
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
            Log4jFixture.use(fixture + ".xml", properties);
            assertShips(broker, topic, text);
        }
    }

    private static String jaasEscaped(String s) {
        String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"");
        PrintedSecrets.register(escaped);
        return escaped;
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
        PrintedSecrets.assertNoneIn("Log4j2's status messages", String.join("\n", status.all()));
    }
}
