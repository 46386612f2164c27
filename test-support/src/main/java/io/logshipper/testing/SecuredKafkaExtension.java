package io.logshipper.testing;

import java.util.Locale;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link SecuredKafkaBroker}, started once per test JVM on first use and closed when the test run
 * ends, with the users below. It is always in-process: an external broker would have other users and certificates.
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
        return parameterContext.getParameter().getType() == SecuredKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    /** The secured broker shared by this JVM's tests, started on first use. */
    public static SecuredKafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Holder.class, k -> new Holder(SecuredKafkaBroker.builder()
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
            broker.close();
        }
    }
}
