package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.CapturedOutput;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.PrintedSecrets;
import io.logshipper.testing.SecuredKafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker.Listener;
import io.logshipper.testing.SecuredKafkaExtension;
import io.logshipper.testing.TestCertificates;

/**
 * Security failures against the real secured broker: the caller never blocks, {@code close()} keeps its budget,
 * every entry counts as undelivered, no secret is printed, and standard error gets one message naming the cause.
 */
@ExtendWith({SecuredKafkaExtension.class, CapturedOutput.class})
@Timeout(60)
class SecuredFailureTest {

    private static final int ENTRIES = 20;
    private static final String UNKNOWN_USER_PASSWORD = "unknown-user-pw-5c2a";

    @Test
    void anUntrustedServerCertificateIsNamed(SecuredKafkaBroker broker) {
        Map<String, String> kafka = new LinkedHashMap<>();
        kafka.put("security.protocol", "SSL");
        // A CA file that is not the broker's certificate.
        kafka.put("ssl.truststore.type", "PEM");
        kafka.put("ssl.truststore.location", broker.certificates().untrustedCertificatePem().toString());

        String err = failToShip(broker.bootstrapServers(Listener.SSL), kafka, "untrusted");

        assertThat(err).contains("SslAuthenticationException").contains("PKIX");
    }

    @Test
    void anUnknownScramUserIsNamed(SecuredKafkaBroker broker) {
        Map<String, String> kafka = new LinkedHashMap<>(broker.clientSettings(Listener.SASL_PLAINTEXT,
                "SCRAM-SHA-512", "nobody", UNKNOWN_USER_PASSWORD));
        String servers = kafka.remove("bootstrap.servers");

        String err = failToShip(servers, kafka, "unknown-user");

        assertThat(err).contains("SaslAuthenticationException").contains("SCRAM-SHA-512");
    }

    @Test
    void aPlaintextClientAtTheSslListenerIsToldToCheckSecurityProtocol(SecuredKafkaBroker broker) {
        String err = failToShip(broker.bootstrapServers(Listener.SSL), Map.of(), "plaintext-at-ssl");

        assertThat(err).contains("no Kafka response; is security.protocol right for this listener?");
    }

    @Test
    void shippingResumesByItselfOnceTheScramUserIsCreated(SecuredKafkaBroker broker) {
        String user = "late-user-" + Long.toHexString(System.nanoTime());
        String password = "late-user-pw-" + Long.toHexString(System.nanoTime());
        PrintedSecrets.register(password);
        Map<String, String> kafka = new LinkedHashMap<>(broker.clientSettings(Listener.SASL_PLAINTEXT,
                "SCRAM-SHA-512", user, password));
        String servers = kafka.remove("bootstrap.servers");
        String topic = KafkaBroker.uniqueTopic("secure-resume");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LogShipper shipper;
        int logged = 0;
        long undelivered;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            shipper = LogShipper.builder().bootstrapServers(servers).producerConfig(kafka).topic(topic)
                    .programId("late-user").interval(Duration.ofMillis(100)).sendWhenIdle(false)
                    .shutdownHook(false).build();
            for (; logged < 5; logged++) {
                shipper.log("before " + logged);
            }
            LogShipper s = shipper;
            await().atMost(Duration.ofSeconds(30)).until(() -> s.stats().failed() > 0);
            assertThat(shipper.health().state()).isEqualTo(ShipperHealth.State.FAILED);

            // The operator creates the user while the shipper keeps going: no restart, no new configuration.
            broker.upsertScramUser("SCRAM-SHA-512", user, password);
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (shipper.stats().delivered() == 0 && System.nanoTime() < deadline) {
                shipper.log("after " + logged++);
                sleep(250);
            }
            assertThat(shipper.stats().delivered()).as("delivered after the user was created").isPositive();
            undelivered = shipper.close(Duration.ofSeconds(10));
        } finally {
            System.setErr(originalErr);
        }
        ShipperStats stats = shipper.stats();
        // Undelivered are exactly the entries Kafka refused before the user existed.
        assertThat(undelivered).isEqualTo(stats.failed()).isGreaterThanOrEqualTo(5);
        // Nothing lost silently: every entry is delivered or counted as failed.
        assertThat(stats.delivered() + stats.failed()).isEqualTo(logged);
        assertThat(Shipped.texts(broker.plaintext(), topic)).hasSize((int) stats.delivered())
                .allSatisfy(t -> assertThat(t).startsWith("after "));
        PrintedSecrets.assertNoneIn("standard error", err.toString(StandardCharsets.UTF_8));
        originalErr.println("[late-user] " + stats);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Logs {@link #ENTRIES} entries through a shipper that cannot deliver, waits for its message on standard error,
     * closes it with a 2 s budget, checks what every failure must hold and returns the shipper's one message.
     */
    private static String failToShip(String servers, Map<String, String> kafka, String programId) {
        String topic = KafkaBroker.uniqueTopic("secure-fail");
        String prefix = "logshipper [" + programId + "]: ";
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LogShipper shipper;
        long logMillis;
        long closeMillis;
        long undelivered;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            shipper = LogShipper.builder().bootstrapServers(servers).producerConfig(kafka).topic(topic)
                    .programId(programId).interval(Duration.ofMillis(100)).sendWhenIdle(false)
                    .shutdownHook(false).build();
            long started = System.nanoTime();
            for (int i = 0; i < ENTRIES; i++) {
                shipper.log("entry " + i);
            }
            logMillis = (System.nanoTime() - started) / 1_000_000;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> err.toString(StandardCharsets.UTF_8).contains(prefix));
            started = System.nanoTime();
            undelivered = shipper.close(Duration.ofSeconds(2));
            closeMillis = (System.nanoTime() - started) / 1_000_000;
        } finally {
            System.setErr(originalErr);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        String everything = printed + shipper + shipper.config() + shipper.config().describe() + shipper.stats();

        assertThat(logMillis).isLessThan(1000);
        assertThat(closeMillis).isLessThan(2500);
        assertThat(undelivered).isEqualTo(ENTRIES);
        assertThat(shipper.stats().undelivered()).isEqualTo(ENTRIES);
        PrintedSecrets.assertNoneIn("standard error and the shipper's description", everything);
        assertThat(everything).doesNotContain(UNKNOWN_USER_PASSWORD).doesNotContain(TestCertificates.PASSWORD)
                .doesNotContain(SecuredKafkaExtension.SCRAM_PASSWORD).doesNotContain(SecuredKafkaExtension.PLAIN_PASSWORD);
        List<String> ours = printed.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
        assertThat(ours).as(printed).hasSize(1);
        originalErr.println("[" + programId + "] " + ours.get(0));
        return ours.get(0);
    }

}
