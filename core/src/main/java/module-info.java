/**
 * The logshipper engine: buffering, encoding, sending, limits, shutdown and metrics. Named after its root package
 * (and the {@code Automatic-Module-Name} it had before it had a descriptor), so no one's {@code requires} changes.
 *
 * <p>{@code io.logshipper.internal} is deliberately not exported, nor open: it may change in any release.
 */
// Kafka publishes no descriptor, so kafka.clients is an automatic module, named after its jar; nothing to do about it.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.logshipper {
    exports io.logshipper;
    exports io.logshipper.config;
    exports io.logshipper.spi;
    // RefreshTokenLoginCallbackHandler: Kafka instantiates it by name from sasl.login.callback.handler.class.
    exports io.logshipper.oauth;

    // Transitive: ProducerFactory hands out org.apache.kafka.clients.producer.Producer.
    requires transitive kafka.clients;
    requires com.fasterxml.jackson.core;
    // LogShipperOptions.start() says a few lines through the application's own SLF4J binding.
    requires org.slf4j;
    // The fallback attachment when neither appender module is present.
    requires java.logging;
    // The opt-in MXBean (the jmx setting); LogShipper.mxBeanName() hands out an ObjectName.
    requires transitive java.management;
    // Optional: only LogShipperOptions's @Option annotations (and internal.PicocliErrors, which they call) touch
    // picocli, and only an application that uses LogShipperOptions as a picocli @Mixin brings it.
    requires static info.picocli;

    // picocli calls LogShipperOptions's private @Option setters and sets its @Spec field reflectively.
    // Opening to a module that is absent at run time is harmless.
    opens io.logshipper to info.picocli;

    // Attachments finds the Logback and Log4j2 attachments this way (META-INF/services on the class path).
    uses io.logshipper.spi.LoggingAttachment;
}
