package io.logshipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker.Listener;
import io.logshipper.testing.SecuredKafkaExtension;

/**
 * {@code logshipper load} and {@code logshipper tail} against the secured broker over SASL_PLAINTEXT SCRAM-SHA-512,
 * the connection coming from an OpenMSIStream-style {@code --config} file.
 */
@ExtendWith(SecuredKafkaExtension.class)
@Timeout(90)
class SecuredBrokerTest {

    @TempDir
    Path dir;

    private Path scramConfig(SecuredKafkaBroker broker, String topic) throws Exception {
        return Files.writeString(dir.resolve("openmsistream.config"), """
                [broker]
                bootstrap.servers = %s
                security.protocol = SASL_PLAINTEXT
                sasl.mechanisms = SCRAM-SHA-512
                sasl.username = %s
                sasl.password = %s

                [log]
                topic = %s
                """.formatted(broker.bootstrapServers(Listener.SASL_PLAINTEXT), SecuredKafkaExtension.SCRAM_USER,
                SecuredKafkaExtension.SCRAM_PASSWORD, topic));
    }

    @Test
    void loadShipsOverSaslWithTheConnectionFromTheConfigFile(SecuredKafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("cli-secure-load");
        broker.plaintext().createTopic(topic, 1);

        Cli.Result r = Cli.run("load", "--config", scramConfig(broker, topic).toString(),
                "--rate", "50", "--duration", "1", "--interval-secs", "0.2");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("logged: 50, delivered: 50, dropped: 0, failed: 0, undelivered: 0");
        assertThat(r.out() + r.err()).doesNotContain(SecuredKafkaExtension.SCRAM_PASSWORD);
        long entries = broker.plaintext().readAll(topic).stream()
                .mapToLong(rec -> Envelope.of(null, rec.rawValue()).entries().size()).sum();
        assertThat(entries).isEqualTo(50);
    }

    @Test
    void tailReadsOverSaslWithTheConnectionFromTheConfigFile(SecuredKafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("cli-secure-tail");
        broker.plaintext().createTopic(topic, 1);
        Cli.produce(broker.plaintext(), topic, "demo_log", Cli.envelope("1795600800.123", Cli.q("over SASL")));

        Cli.Result r = Cli.run("tail", "--config", scramConfig(broker, topic).toString(), "--topic", topic,
                "--from-beginning", "--max-messages", "1", "--timeout-secs", "30");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(List.of(r.out().split("\\R"))).containsExactly("[demo 2026-11-25T10:00:00.123Z] over SASL");
        assertThat(r.out() + r.err()).doesNotContain(SecuredKafkaExtension.SCRAM_PASSWORD);
    }

    @Test
    void aggregateReadsOverSaslAndNoSecretAppearsInAnyOutputOrEndpoint(SecuredKafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("cli-secure-agg");
        broker.plaintext().createTopic(topic, 1);
        Cli.produce(broker.plaintext(), topic, "demo_log", Cli.envelope("1795600800.123", Cli.q("aggregated over SASL")));
        String password = SecuredKafkaExtension.SCRAM_PASSWORD;
        try (Aggregator agg = Aggregator.start(dir, "secure", "--config", scramConfig(broker, topic).toString(),
                "--topic", topic, "--from-beginning", "--group", KafkaBroker.uniqueTopic("g"))) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40))
                    .until(() -> agg.out().contains("aggregated over SASL"));
            for (String path : List.of("/healthcheck", "/metrics", "/levels", "/nothing")) {
                assertThat(agg.get(path).body()).as(path).doesNotContain(password);
            }
            assertThat(agg.stop()).isZero();
            assertThat(agg.out() + agg.err()).doesNotContain(password);
        }

        // A wrong password: Kafka's refusal is reported (exit 3), the password given is not.
        Path wrong = Files.writeString(dir.resolve("wrong.config"), Files.readString(scramConfig(broker, topic))
                .replace(password, "wrong-" + password));
        Cli.Result r = Cli.run("aggregate", "--config", wrong.toString(), "--topic", topic, "--no-http",
                "--group", KafkaBroker.uniqueTopic("g"));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("failed").doesNotContain(password);
    }
}
