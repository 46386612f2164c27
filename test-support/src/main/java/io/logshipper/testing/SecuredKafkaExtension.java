package io.logshipper.testing;

import java.util.Locale;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link SecuredKafkaBroker}, started once per test JVM on first use and closed when the test run
 * ends, with the users below, and OAUTHBEARER against a shared {@link TestTokenServer} (a
 * {@code TestTokenServer} parameter gets it) that knows {@link #OAUTH_CLIENT_ID} and {@link #REFRESH_TOKEN}.
 * Every password and token here is registered with {@link PrintedSecrets}. It is always in-process: an external broker would have other users and certificates.
 *
 * <p>Use with {@code @ExtendWith(SecuredKafkaExtension.class)} and a {@link SecuredKafkaBroker} parameter.
 *
 * <p>In a compatibility run ({@code -Dlogshipper.test.broker=process}: the test JVM holds another kafka-clients
 * than the broker's) the in-process broker cannot start, so the tests that use it are reported as skipped.
 */
public final class SecuredKafkaExtension implements ParameterResolver, ExecutionCondition {

    /** A PLAIN user. */
    public static final String PLAIN_USER = "alice";
    /** {@link #PLAIN_USER}'s password; has characters JAAS must escape. */
    public static final String PLAIN_PASSWORD = "plain-\"alice\\-pw";
    /** A SCRAM user with credentials for SCRAM-SHA-256 and SCRAM-SHA-512. */
    public static final String SCRAM_USER = "bob";
    /** {@link #SCRAM_USER}'s password. */
    public static final String SCRAM_PASSWORD = "scram-bob-pw-7d1e";
    /** An OAuth client of the shared {@link TestTokenServer}, for the client-credentials grant. */
    public static final String OAUTH_CLIENT_ID = "logshipper-client";
    /** {@link #OAUTH_CLIENT_ID}'s secret. */
    public static final String OAUTH_CLIENT_SECRET = "oauth-client-secret-93b1";
    /** A refresh token the shared {@link TestTokenServer} exchanges for access tokens (Globus-style). */
    public static final String REFRESH_TOKEN = "refresh-token-Ag3x9Kq0d7Lz";
    /** The subject of {@link #REFRESH_TOKEN}'s access tokens. */
    public static final String REFRESH_SUBJECT = "carol";


    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SecuredKafkaExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String kind = System.getProperty(BrokerSource.PROP_KIND, "embedded").toLowerCase(Locale.ROOT);
        return kind.equals("process")
                ? ConditionEvaluationResult.disabled("the secured broker runs only in-process; "
                        + BrokerSource.PROP_KIND + "=process is a run against another kafka-clients")
                : ConditionEvaluationResult.enabled("in-process secured broker");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == SecuredKafkaBroker.class || type == TestTokenServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SecuredKafkaBroker broker = broker(extensionContext);
        return parameterContext.getParameter().getType() == TestTokenServer.class ? broker.tokenServer() : broker;
    }

    /** The secured broker shared by this JVM's tests, started on first use. */
    public static SecuredKafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Holder.class, k -> new Holder(SecuredKafkaBroker.builder()
                        .oauth(TestTokenServer.start().client(OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET)
                                .refreshToken(REFRESH_TOKEN, REFRESH_SUBJECT))
                        .plainUser(PLAIN_USER, PLAIN_PASSWORD)
                        .scramUser("SCRAM-SHA-256", SCRAM_USER, SCRAM_PASSWORD)
                        .scramUser("SCRAM-SHA-512", SCRAM_USER, SCRAM_PASSWORD)
                        .start()), Holder.class)
                .broker;
    }

    /** Closes the broker when the root store closes. */
    private static final class Holder implements AutoCloseable {
        private final SecuredKafkaBroker broker;

        Holder(SecuredKafkaBroker broker) {
            this.broker = broker;
        }

        @Override
        public void close() throws Exception {
            try {
                broker.close();
            } finally {
                broker.tokenServer().close();
            }
        }
    }
}
