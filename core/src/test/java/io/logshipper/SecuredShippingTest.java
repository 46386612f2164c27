package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.logshipper.config.IniConfig;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker.Listener;
import io.logshipper.testing.CapturedOutput;
import io.logshipper.testing.SecuredKafkaExtension;

/**
 * The core shipper against a real secured broker: every listener (mutual TLS included), OpenMSIStream-style files,
 * a wrong password.
 */
@ExtendWith({SecuredKafkaExtension.class, CapturedOutput.class})
@Timeout(90)
class SecuredShippingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "SASL_PLAINTEXT, PLAIN",
        "SASL_PLAINTEXT, SCRAM-SHA-512",
        "SSL, ",
        "SASL_SSL, SCRAM-SHA-256",
        // Mutual TLS with the client's PKCS12 keystore.
        "MTLS, ",
    })
    void shipsOverEverySecuredListener(Listener listener, String mechanism, SecuredKafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("secure-" + listener.name().toLowerCase());
        Map<String, String> kafka = new LinkedHashMap<>(broker.clientSettings(listener, mechanism,
                user(mechanism), password(mechanism)));
        String servers = kafka.remove("bootstrap.servers");
        LogShipper shipper = LogShipper.builder().bootstrapServers(servers).producerConfig(kafka).topic(topic)
                .programId("secure").interval(Duration.ofMillis(200)).sendWhenIdle(false).shutdownHook(false)
                .build();
        shipper.log("one over " + listener);
        shipper.log("two over " + listener);

        assertThat(shipper.close(Duration.ofSeconds(20))).isZero();
        assertThat(Shipped.texts(broker.plaintext(), topic))
                .containsExactly("one over " + listener, "two over " + listener);
        assertThat(shipper.stats().failed()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        // An OpenMSIStream file: librdkafka's plural sasl.mechanisms, username and password.
        "SASL_PLAINTEXT, 'sasl.mechanisms = SCRAM-SHA-512\nsasl.username = %u\nsasl.password = %p\n'",
        // A CA file instead of a truststore.
        "SSL, 'ssl.ca.location = %ca\n'",
        "SASL_SSL, 'sasl.mechanism = PLAIN\nsasl.username = %U\nsasl.password = %P\nssl.ca.location = %ca\n'",
        // Mutual TLS with PEM files: the client certificate and its PKCS#8 key.
        "MTLS, 'ssl.ca.location = %ca\nssl.certificate.location = %cert\nssl.key.location = %key\n'",
    })
    void shipsWithAnOpenMsiStreamStyleFile(Listener listener, String security, SecuredKafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("secure-ini");
        Path ini = Files.writeString(dir.resolve("openmsistream.config"), """
                [broker]
                bootstrap.servers = %s
                security.protocol = %s
                %s
                [log]
                topic = %s
                program.id = from-ini
                interval.secs = 0.2
                send.when.idle = false
                """.formatted(broker.bootstrapServers(listener), listener.protocol(), security
                        .replace("%ca", broker.certificates().brokerCertificatePem().toString())
                        .replace("%cert", broker.certificates().clientCertificatePem().toString())
                        .replace("%key", broker.certificates().clientKeyPem().toString())
                        .replace("%u", SecuredKafkaExtension.SCRAM_USER)
                        .replace("%p", SecuredKafkaExtension.SCRAM_PASSWORD)
                        .replace("%U", SecuredKafkaExtension.PLAIN_USER)
                        .replace("%P", SecuredKafkaExtension.PLAIN_PASSWORD), topic));
        LogShipper shipper = IniConfig.builder(ini).shutdownHook(false).build();
        shipper.log("from an OpenMSIStream file over " + listener);

        assertThat(shipper.close(Duration.ofSeconds(20))).isZero();
        assertThat(Shipped.texts(broker.plaintext(), topic))
                .containsExactly("from an OpenMSIStream file over " + listener);
    }

    @Test
    void theMutualTlsListenerRefusesAClientWithoutACertificate(SecuredKafkaBroker broker) {
        // Proves the MTLS rows above really presented the client certificate.
        Map<String, String> kafka = new LinkedHashMap<>(broker.sslClientSettings());
        kafka.remove("bootstrap.servers");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers(Listener.MTLS))
                .producerConfig(kafka).topic(KafkaBroker.uniqueTopic("secure-nocert")).programId("no-cert")
                .interval(Duration.ofMillis(100)).sendWhenIdle(false).shutdownHook(false).build();
        shipper.log("without a client certificate");

        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.stats().failed() > 0);
        assertThat(shipper.close(Duration.ofSeconds(2))).isEqualTo(1);
    }

    @Test
    void aWrongPasswordNeitherBlocksNorCrashesTheCallerAndIsNeverPrinted(SecuredKafkaBroker broker) {
        String wrong = "wrong-pw-" + Long.toHexString(System.nanoTime());
        String topic = KafkaBroker.uniqueTopic("secure-wrong");
        Map<String, String> kafka = new LinkedHashMap<>(broker.clientSettings(Listener.SASL_PLAINTEXT,
                "SCRAM-SHA-512", SecuredKafkaExtension.SCRAM_USER, wrong));
        String servers = kafka.remove("bootstrap.servers");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LogShipper shipper;
        long undelivered;
        long closeMillis;
        long logMillis;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            shipper = LogShipper.builder().bootstrapServers(servers).producerConfig(kafka).topic(topic)
                    .programId("wrong-password").interval(Duration.ofMillis(100)).sendWhenIdle(false)
                    .shutdownHook(false).build();
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                shipper.log("entry " + i);
            }
            logMillis = (System.nanoTime() - started) / 1_000_000;
            // The shipper tries, fails to authenticate and counts the entries as failed.
            LogShipper s = shipper;
            await().atMost(Duration.ofSeconds(30)).until(() -> s.stats().failed() > 0);
            started = System.nanoTime();
            undelivered = shipper.close(Duration.ofSeconds(3));
            closeMillis = (System.nanoTime() - started) / 1_000_000;
        } finally {
            System.setErr(originalErr);
        }
        String printed = err.toString(StandardCharsets.UTF_8) + shipper + shipper.config() + shipper.config().describe()
                + shipper.stats();

        assertThat(logMillis).isLessThan(1000);
        assertThat(closeMillis).isLessThan(3500);
        assertThat(undelivered).isEqualTo(50);
        assertThat(shipper.stats().undelivered()).isEqualTo(50);
        assertThat(printed).doesNotContain(wrong).doesNotContain(SecuredKafkaExtension.SCRAM_PASSWORD)
                .doesNotContain(SecuredKafkaExtension.PLAIN_PASSWORD);
        assertThat(broker.plaintext().readAll(topic)).isEmpty();
        assertThat(shipper.stats().failed()).isEqualTo(50);
        // Said once, naming the cause, with no secret in it.
        assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("logshipper \\[wrong-password\\]: Kafka (refused|could not deliver) a message:")
                .contains("SaslAuthenticationException");
    }

    private static String user(String mechanism) {
        return "PLAIN".equals(mechanism) ? SecuredKafkaExtension.PLAIN_USER : SecuredKafkaExtension.SCRAM_USER;
    }

    private static String password(String mechanism) {
        return "PLAIN".equals(mechanism) ? SecuredKafkaExtension.PLAIN_PASSWORD : SecuredKafkaExtension.SCRAM_PASSWORD;
    }
}
