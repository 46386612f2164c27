package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.logshipper.config.IniConfig;
import io.logshipper.oauth.RefreshTokenLoginCallbackHandler;
import io.logshipper.testing.AllowedOAuthUrls;
import io.logshipper.testing.CapturedOutput;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.PrintedSecrets;
import io.logshipper.testing.SecuredKafkaBroker;
import io.logshipper.testing.SecuredKafkaBroker.Listener;
import io.logshipper.testing.SecuredKafkaExtension;
import io.logshipper.testing.TestTokenServer;

/**
 * The core shipper over OAUTHBEARER against the secured broker and the local token server: Kafka's own
 * client-credentials handler and logshipper's refresh-token handler, with tokens of 4 s that the broker makes the
 * client re-authenticate with every 3 s, so several tokens are fetched while entries are shipped; and the failures
 * (refused grant, expired token, URL not allowed), each said once, counted, never blocking.
 */
@ExtendWith({SecuredKafkaExtension.class, CapturedOutput.class})
@Timeout(120)
class SecuredOAuthTest {

    /** Set by core's surefire configuration to {@link SecuredKafkaExtension#REFRESH_TOKEN}. */
    private static final String REFRESH_TOKEN_ENV = "LOGSHIPPER_TEST_REFRESH_TOKEN";
    private static final String REVOKED = "revoked-refresh-token-4Fq2";
    private static final int ENTRIES = 20;

    static {
        PrintedSecrets.register(REVOKED);
    }

    @TempDir
    Path dir;

    @Test
    void clientCredentialsTokensAreRefreshedWhileShippingAndNoEntryIsLost(SecuredKafkaBroker broker,
                                                                          TestTokenServer tokens) {
        Map<String, String> kafka = broker.oauthClientSettings(Listener.SASL_PLAINTEXT,
                SecuredKafkaExtension.OAUTH_CLIENT_ID, SecuredKafkaExtension.OAUTH_CLIENT_SECRET);

        shipForTenSecondsAndCheckRefreshes(broker, tokens, kafka, "client-credentials",
                tokens::clientCredentialsGrants);
    }

    @ParameterizedTest
    @ValueSource(strings = {"refreshTokenEnv", "refreshTokenFile"})
    void refreshTokenGrantsAreRefreshedWhileShippingAndNoEntryIsLost(String option, SecuredKafkaBroker broker,
                                                                     TestTokenServer tokens) throws Exception {
        assertThat(System.getenv(REFRESH_TOKEN_ENV)).isEqualTo(SecuredKafkaExtension.REFRESH_TOKEN);
        String where = option.equals("refreshTokenEnv") ? REFRESH_TOKEN_ENV
                : Files.writeString(dir.resolve("refresh-token"), SecuredKafkaExtension.REFRESH_TOKEN + "\n").toString();
        Map<String, String> kafka = refreshTokenSettings(broker, tokens, option + "=\"" + where + "\"");

        shipForTenSecondsAndCheckRefreshes(broker, tokens, kafka, "refresh-" + option, tokens::refreshTokenGrants);
    }

    @Test
    void anOpenMsiStreamFileWithLibrdkafkasOidcSettingsShips(SecuredKafkaBroker broker, TestTokenServer tokens)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("oauth-ini");
        Path ini = Files.writeString(dir.resolve("oidc.config"), """
                [broker]
                bootstrap.servers = %s
                security.protocol = SASL_PLAINTEXT
                sasl.mechanisms = OAUTHBEARER
                sasl.oauthbearer.method = oidc
                sasl.oauthbearer.client.id = %s
                sasl.oauthbearer.client.secret = %s
                sasl.oauthbearer.scope = logs
                sasl.oauthbearer.token.endpoint.url = %s

                [log]
                topic = %s
                program.id = oidc-ini
                interval.secs = 0.2
                send.when.idle = false
                """.formatted(broker.bootstrapServers(Listener.SASL_PLAINTEXT), SecuredKafkaExtension.OAUTH_CLIENT_ID,
                SecuredKafkaExtension.OAUTH_CLIENT_SECRET, tokens.tokenUrl(), topic));
        try (AllowedOAuthUrls allowed = AllowedOAuthUrls.allow(tokens.tokenUrl())) {
            LogShipper shipper = IniConfig.builder(ini).shutdownHook(false).build();
            shipper.log("through librdkafka's oidc settings");
            assertThat(shipper.close(Duration.ofSeconds(20))).isZero();
            PrintedSecrets.assertNoneIn("the shipper's description",
                    shipper.toString() + shipper.config() + shipper.config().describe());
        }
        assertThat(Shipped.texts(broker.plaintext(), topic)).containsExactly("through librdkafka's oidc settings");
    }

    @Test
    void aRefusedRefreshTokenIsNamedOnceAndShippingResumesWhenTheTokenIsAcceptedAgain(SecuredKafkaBroker broker,
                                                                                     TestTokenServer tokens) {
        Map<String, String> kafka = refreshTokenSettings(broker, tokens, "refreshTokenEnv=\"" + REFRESH_TOKEN_ENV + "\"");
        String topic = KafkaBroker.uniqueTopic("oauth-resume");
        tokens.refuse(true);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        try (AllowedOAuthUrls allowed = AllowedOAuthUrls.allow(tokens.tokenUrl())) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            LogShipper shipper = shipper(broker, kafka, topic, "oauth-resume");
            long started = System.nanoTime();
            for (int i = 0; i < ENTRIES; i++) {
                shipper.log("entry " + i);
            }
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
            await().atMost(Duration.ofSeconds(30)).until(() -> err.toString(StandardCharsets.UTF_8)
                    .contains("logshipper [oauth-resume]: "));
            assertThat(shipper.health().state()).isIn(ShipperHealth.State.DEGRADED, ShipperHealth.State.FAILED);

            tokens.refuse(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> shipper.stats().delivered() == ENTRIES);
            assertThat(shipper.close(Duration.ofSeconds(5))).isZero();
        } finally {
            tokens.refuse(false);
            System.setErr(originalErr);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        PrintedSecrets.assertNoneIn("standard error", printed);
        assertThat(ours(printed, "oauth-resume")).singleElement().asString()
                .contains("refused the refresh token from the environment variable " + REFRESH_TOKEN_ENV)
                .contains("HTTP 400 invalid_grant");
        assertThat(Shipped.texts(broker.plaintext(), topic)).hasSize(ENTRIES);
    }

    @Test
    void aRevokedRefreshTokenInAFileNeitherBlocksNorCrashesAndIsNamed(SecuredKafkaBroker broker,
                                                                      TestTokenServer tokens) throws Exception {
        Path file = Files.writeString(dir.resolve("revoked"), REVOKED);
        Map<String, String> kafka = refreshTokenSettings(broker, tokens, "refreshTokenFile=\"" + file + "\"");

        String err = failToShip(broker, tokens, kafka, "oauth-revoked", true);

        assertThat(err).contains("refused the refresh token from the file " + file).contains("HTTP 400");
    }

    @Test
    void aRefusedClientSecretWithKafkasHandlerNeitherBlocksNorCrashes(SecuredKafkaBroker broker,
                                                                      TestTokenServer tokens) {
        Map<String, String> kafka = broker.oauthClientSettings(Listener.SASL_PLAINTEXT,
                SecuredKafkaExtension.OAUTH_CLIENT_ID, REVOKED);

        String err = failToShip(broker, tokens, kafka, "oauth-bad-secret", true);

        assertThat(err).contains("could not create the Kafka producer");
    }

    @Test
    void anExpiredTokenIsRefusedByTheBrokerAndCounted(SecuredKafkaBroker broker, TestTokenServer tokens) {
        Map<String, String> kafka = refreshTokenSettings(broker, tokens, "refreshTokenEnv=\"" + REFRESH_TOKEN_ENV + "\"");
        tokens.issueExpired(true);
        String err;
        try {
            err = failToShip(broker, tokens, kafka, "oauth-expired", true);
        } finally {
            tokens.issueExpired(false);
        }

        assertThat(err).contains("SaslAuthenticationException").contains("the broker refused the OAuth access token:"
                + " expired, or not the audience, issuer or signing key the broker expects");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "logshipper"})
    void aTokenUrlTheApplicationDidNotAllowIsNamedWithThePropertyToSet(String handler, SecuredKafkaBroker broker,
                                                                       TestTokenServer tokens) {
        Map<String, String> kafka = handler.equals("kafka")
                ? broker.oauthClientSettings(Listener.SASL_PLAINTEXT, SecuredKafkaExtension.OAUTH_CLIENT_ID,
                        SecuredKafkaExtension.OAUTH_CLIENT_SECRET)
                : refreshTokenSettings(broker, tokens, "refreshTokenEnv=\"" + REFRESH_TOKEN_ENV + "\"");
        assertThat(System.getProperty(AllowedOAuthUrls.PROPERTY)).isNull();
        int grants = tokens.clientCredentialsGrants() + tokens.refreshTokenGrants();

        String err = failToShip(broker, tokens, kafka, "oauth-not-allowed-" + handler, false);

        assertThat(err).contains("could not create the Kafka producer").contains(AllowedOAuthUrls.PROPERTY);
        assertThat(tokens.clientCredentialsGrants() + tokens.refreshTokenGrants()).isEqualTo(grants);
    }

    private static Map<String, String> refreshTokenSettings(SecuredKafkaBroker broker, TestTokenServer tokens,
                                                            String source) {
        Map<String, String> kafka = new LinkedHashMap<>();
        kafka.put("bootstrap.servers", broker.bootstrapServers(Listener.SASL_PLAINTEXT));
        kafka.put("security.protocol", "SASL_PLAINTEXT");
        kafka.put("sasl.mechanism", "OAUTHBEARER");
        kafka.put("sasl.login.callback.handler.class", RefreshTokenLoginCallbackHandler.class.getName());
        kafka.put("sasl.oauthbearer.token.endpoint.url", tokens.tokenUrl());
        kafka.put("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                + source + " clientId=\"diaspora-logger\";");
        kafka.putAll(SecuredKafkaBroker.shortTokenRefresh());
        return kafka;
    }

    private static LogShipper shipper(SecuredKafkaBroker broker, Map<String, String> settings, String topic,
                                      String programId) {
        Map<String, String> kafka = new LinkedHashMap<>(settings);
        String servers = kafka.remove("bootstrap.servers");
        return LogShipper.builder().bootstrapServers(servers).producerConfig(kafka).topic(topic).programId(programId)
                .interval(Duration.ofMillis(200)).sendWhenIdle(false).shutdownHook(false).build();
    }

    /** Logs an entry every 200 ms for 10 s: with 4 s tokens the login thread must fetch at least two more. */
    private static void shipForTenSecondsAndCheckRefreshes(SecuredKafkaBroker broker, TestTokenServer tokens,
                                                           Map<String, String> kafka, String programId,
                                                           IntSupplier grants) {
        String topic = KafkaBroker.uniqueTopic("oauth-" + programId);
        int before = grants.getAsInt();
        List<String> logged = new ArrayList<>();
        LogShipper shipper;
        try (AllowedOAuthUrls allowed = AllowedOAuthUrls.allow(tokens.tokenUrl())) {
            shipper = shipper(broker, kafka, topic, programId);
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                String text = programId + " entry " + i;
                shipper.log(text);
                logged.add(text);
                sleep(200);
            }
            assertThat(shipper.close(Duration.ofSeconds(20))).isZero();
        }

        assertThat(Shipped.texts(broker.plaintext(), topic)).containsExactlyElementsOf(logged);
        assertThat(shipper.stats().failed()).isZero();
        assertThat(shipper.stats().delivered()).isEqualTo(logged.size());
        assertThat(grants.getAsInt() - before).as("tokens fetched").isGreaterThanOrEqualTo(3);
        PrintedSecrets.assertNoneIn("the shipper's description",
                shipper.toString() + shipper.config() + shipper.config().describe() + shipper.stats());
    }

    /**
     * Logs {@link #ENTRIES} entries through a shipper that cannot authenticate, waits for its one message on
     * standard error, closes it with a 2 s budget, checks what every failure must hold, and returns the message.
     */
    private static String failToShip(SecuredKafkaBroker broker, TestTokenServer tokens, Map<String, String> kafka,
                                     String programId, boolean allowUrl) {
        String topic = KafkaBroker.uniqueTopic("oauth-fail");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AllowedOAuthUrls allowed = allowUrl ? AllowedOAuthUrls.allow(tokens.tokenUrl()) : null;
        LogShipper shipper;
        long logMillis;
        long closeMillis;
        long undelivered;
        ShipperHealth health;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            shipper = shipper(broker, kafka, topic, programId);
            long started = System.nanoTime();
            for (int i = 0; i < ENTRIES; i++) {
                shipper.log("entry " + i);
            }
            logMillis = (System.nanoTime() - started) / 1_000_000;
            await().atMost(Duration.ofSeconds(40)).until(() -> err.toString(StandardCharsets.UTF_8)
                    .contains("logshipper [" + programId + "]: "));
            health = shipper.health();
            started = System.nanoTime();
            undelivered = shipper.close(Duration.ofSeconds(2));
            closeMillis = (System.nanoTime() - started) / 1_000_000;
        } finally {
            System.setErr(originalErr);
            if (allowed != null) {
                allowed.close();
            }
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        PrintedSecrets.assertNoneIn("standard error of " + programId, printed);
        PrintedSecrets.assertNoneIn("the shipper's description",
                shipper.toString() + shipper.config() + shipper.config().describe() + shipper.stats());
        PrintedSecrets.assertNoneIn("the shipper's health", String.valueOf(health));
        assertThat(health.state()).isIn(ShipperHealth.State.DEGRADED, ShipperHealth.State.FAILED);
        assertThat(logMillis).isLessThan(1000);
        assertThat(closeMillis).isLessThan(2500);
        assertThat(undelivered).isEqualTo(ENTRIES);
        assertThat(shipper.stats().undelivered()).isEqualTo(ENTRIES);
        assertThat(broker.plaintext().readAll(topic)).isEmpty();
        List<String> ours = ours(printed, programId);
        assertThat(ours).as(printed).hasSize(1);
        originalErr.println("[" + programId + "] " + ours.get(0));
        return ours.get(0);
    }

    private static List<String> ours(String printed, String programId) {
        return printed.lines().filter(l -> l.startsWith("logshipper [" + programId + "]: "))
                .collect(Collectors.toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
