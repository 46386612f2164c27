package io.logshipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.AllowedOAuthUrls;
import io.logshipper.testing.CapturedOutput;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.PrintedSecrets;
import io.logshipper.testing.SecuredKafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker.Listener;
import io.logshipper.testing.SecuredKafkaExtension;
import io.logshipper.testing.TestTokenServer;

/**
 * {@code logshipper load}, {@code tail} and {@code topics} against the secured broker, the connection coming from an
 * OpenMSIStream-style {@code --config} file: SCRAM-SHA-512 over SASL_PLAINTEXT, PLAIN over SASL_SSL, OAUTHBEARER
 * with librdkafka's oidc settings. No output (nor {@code --help}) shows a secret.
 */
@ExtendWith({SecuredKafkaExtension.class, CapturedOutput.class})
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
        PrintedSecrets.assertNoneIn("the command's output", r.out() + r.err());
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
        PrintedSecrets.assertNoneIn("the command's output", r.out() + r.err());
    }

    /** SASL_SSL with PLAIN and a CA file, librdkafka spelling; the password needs JAAS escaping, done by the INI. */
    private Path plainSaslSslConfig(SecuredKafkaBroker broker, String topic) throws Exception {
        return Files.writeString(dir.resolve("plain-sasl-ssl.config"), """
                [broker]
                bootstrap.servers = %s
                security.protocol = SASL_SSL
                sasl.mechanism = PLAIN
                sasl.username = %s
                sasl.password = %s
                ssl.ca.location = %s

                [log]
                topic = %s
                """.formatted(broker.bootstrapServers(Listener.SASL_SSL), SecuredKafkaExtension.PLAIN_USER,
                SecuredKafkaExtension.PLAIN_PASSWORD, broker.certificates().brokerCertificatePem(), topic));
    }

    @Test
    void topicsListsOverSaslSslWithTheConnectionFromTheConfigFile(SecuredKafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("cli-secure-topics");
        broker.plaintext().createTopic(topic, 2);
        Cli.produce(broker.plaintext(), topic, "demo_log", Cli.envelope("1795600800.5", Cli.q("entry")));

        Cli.Result r = Cli.run("topics", "--config", plainSaslSslConfig(broker, topic).toString(), "--timeout-secs",
                "30");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(List.of(r.out().split("\\R"))).anySatisfy(l -> assertThat(l).matches(topic + " +2 +yes +demo"));
        PrintedSecrets.assertNoneIn("topics' output", r.out() + r.err());
    }

    @Test
    void tailReadsOverSaslSslPlainWithTheConnectionFromTheConfigFile(SecuredKafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("cli-secure-tail-plain");
        broker.plaintext().createTopic(topic, 1);
        Cli.produce(broker.plaintext(), topic, "demo_log", Cli.envelope("1795600800.123", Cli.q("over SASL_SSL")));

        Cli.Result r = Cli.run("tail", "--config", plainSaslSslConfig(broker, topic).toString(), "--topic", topic,
                "--from-beginning", "--max-messages", "1", "--timeout-secs", "30");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(List.of(r.out().split("\\R"))).containsExactly("[demo 2026-11-25T10:00:00.123Z] over SASL_SSL");
        PrintedSecrets.assertNoneIn("tail's output", r.out() + r.err());
    }

    @Test
    void loadShipsOverOauthbearerWithLibrdkafkasOidcSettings(SecuredKafkaBroker broker, TestTokenServer tokens)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("cli-secure-load-oauth");
        broker.plaintext().createTopic(topic, 1);
        Path config = Files.writeString(dir.resolve("oidc.config"), """
                [broker]
                bootstrap.servers = %s
                security.protocol = SASL_PLAINTEXT
                sasl.oauthbearer.method = oidc
                sasl.oauthbearer.client.id = %s
                sasl.oauthbearer.client.secret = %s
                sasl.oauthbearer.token.endpoint.url = %s

                [log]
                topic = %s
                """.formatted(broker.bootstrapServers(Listener.SASL_PLAINTEXT), SecuredKafkaExtension.OAUTH_CLIENT_ID,
                SecuredKafkaExtension.OAUTH_CLIENT_SECRET, tokens.tokenUrl(), topic));

        Cli.Result r;
        // The application (here: whoever starts the JVM, e.g. JAVA_OPTS=-D...) allows the token URL, not logshipper.
        try (AllowedOAuthUrls allowed = AllowedOAuthUrls.allow(tokens.tokenUrl())) {
            r = Cli.run("load", "--config", config.toString(), "--rate", "50", "--duration", "1",
                    "--interval-secs", "0.2");
        }

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("logged: 50, delivered: 50, dropped: 0, failed: 0, undelivered: 0");
        PrintedSecrets.assertNoneIn("load's output", r.out() + r.err());
    }

    @Test
    void helpOfEveryCommandShowsNoSecret() {
        StringBuilder all = new StringBuilder();
        for (String command : new String[] {"tail", "topics", "load"}) {
            Cli.Result r = Cli.run(command, "--help");
            assertThat(r.exitCode()).isZero();
            all.append(r.out()).append(r.err());
        }
        assertThat(all).contains("--config");
        PrintedSecrets.assertNoneIn("--help", all);
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
