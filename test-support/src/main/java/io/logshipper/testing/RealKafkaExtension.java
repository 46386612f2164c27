package io.logshipper.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kafka broker, shared by every test class in the JVM and closed when the test run ends.
 *
 * <p>Which broker, in order: the one named by the environment variable {@value BrokerSource#ENV_BOOTSTRAP};
 * a Testcontainers broker when {@code -Dlogshipper.test.broker=testcontainers} and a Docker engine is present;
 * otherwise a single-node KRaft broker started in-process from Kafka's own test kit.
 *
 * <p>Use with {@code @ExtendWith(RealKafkaExtension.class)} and a {@link KafkaBroker} parameter on a test,
 * lifecycle method or constructor.
 */
public final class RealKafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealKafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    /** The broker shared by this JVM's tests, started on first use. */
    public static KafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RunningBroker.class, k -> BrokerSource.start(), RunningBroker.class)
                .broker();
    }
}
