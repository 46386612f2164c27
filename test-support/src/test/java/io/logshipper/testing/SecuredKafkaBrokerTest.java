package io.logshipper.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.logshipper.testing.SecuredKafkaBroker.Listener;

@ExtendWith({SecuredKafkaExtension.class, CapturedOutput.class})
@Timeout(120)
class SecuredKafkaBrokerTest {

    private static final String JAAS_FILE_PROPERTY = "java.security.auth.login.config";
    private static final String JAAS_FILE_AT_LOAD = System.getProperty(JAAS_FILE_PROPERTY);

    @ParameterizedTest
    @CsvSource({
        "SASL_PLAINTEXT, PLAIN",
        "SASL_PLAINTEXT, SCRAM-SHA-256",
        "SASL_PLAINTEXT, SCRAM-SHA-512",
        "SSL, ",
        "SASL_SSL, PLAIN",
        "SASL_SSL, SCRAM-SHA-512",
    })
    void acceptsAJavaClientOnEverySecuredListener(Listener listener, String mechanism, SecuredKafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("secured-" + listener.name().toLowerCase() + "-" + mechanism);
        Map<String, String> settings = broker.clientSettings(listener, mechanism, user(mechanism), password(mechanism));
        send(settings, topic, "over " + listener + " " + mechanism);

        assertThat(broker.plaintext().readAll(topic)).extracting(ShippedRecord::value)
                .containsExactly("over " + listener + " " + mechanism);
    }

    @Test
    void acceptsKafkasClientCredentialsHandlerAndReauthenticatesWithFreshTokens(SecuredKafkaBroker broker,
                                                                             TestTokenServer tokens) throws Exception {
        String topic = KafkaBroker.uniqueTopic("secured-oauth");
        Map<String, String> settings = broker.clientSettings(Listener.SASL_PLAINTEXT, "OAUTHBEARER",
                SecuredKafkaExtension.OAUTH_CLIENT_ID, SecuredKafkaExtension.OAUTH_CLIENT_SECRET);
        int before = tokens.clientCredentialsGrants();
        Properties props = new Properties();
        props.putAll(settings);
        props.put("max.block.ms", "10000");
        KafkaProducer<byte[], byte[]> producer;
        try (AllowedOAuthUrls allowed = AllowedOAuthUrls.allow(tokens.tokenUrl())) {
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }
        assertThat(System.getProperty(AllowedOAuthUrls.PROPERTY)).isNull();
        try (producer) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(9);
            int i = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(topic, ("oauth " + i++).getBytes(StandardCharsets.UTF_8)))
                        .get(20, TimeUnit.SECONDS);
                Thread.sleep(300);
            }
            assertThat(broker.plaintext().readAll(topic)).hasSize(i);
        }
        // 4 s tokens over 9 s: the login thread fetched at least two more.
        assertThat(tokens.clientCredentialsGrants() - before).isGreaterThanOrEqualTo(3);
        assertThat(tokens.jwksRequests()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesAWrongPassword(SecuredKafkaBroker broker) {
        Map<String, String> settings = broker.clientSettings(Listener.SASL_PLAINTEXT, "SCRAM-SHA-512",
                SecuredKafkaExtension.SCRAM_USER, "not-the-password");
        assertThatThrownBy(() -> send(settings, KafkaBroker.uniqueTopic("wrong-pw"), "x"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void setsNoJvmWideJaasFileAndPutsAllowedUrlsBack(SecuredKafkaBroker broker) {
        assertThat(broker.bootstrapServers(Listener.SASL_SSL)).startsWith("localhost:");
        assertThat(System.getProperty(JAAS_FILE_PROPERTY)).isEqualTo(JAAS_FILE_AT_LOAD);
        assertThat(System.getProperty(AllowedOAuthUrls.PROPERTY)).isNull();
    }

    @Test
    void writesPemFilesKafkaCanRead() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        assertThat(certs.brokerCertificatePem()).content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(certs.clientKeyPem()).content().startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(certs.directory().toString()).startsWith(System.getProperty("java.io.tmpdir"));
    }

    private static String user(String mechanism) {
        return "PLAIN".equals(mechanism) ? SecuredKafkaExtension.PLAIN_USER : SecuredKafkaExtension.SCRAM_USER;
    }

    private static String password(String mechanism) {
        return "PLAIN".equals(mechanism) ? SecuredKafkaExtension.PLAIN_PASSWORD : SecuredKafkaExtension.SCRAM_PASSWORD;
    }

    private static void send(Map<String, String> settings, String topic, String value) throws Exception {
        Properties props = new Properties();
        props.putAll(new HashMap<>(settings));
        props.put("max.block.ms", "10000");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8))).get(20, TimeUnit.SECONDS);
        }
    }
}
