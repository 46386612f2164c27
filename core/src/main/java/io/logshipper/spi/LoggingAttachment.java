package io.logshipper.spi;

import io.logshipper.LogShipper;

/**
 * Attaches a {@link LogShipper} to a logging framework's root logger, so that every record reaching the root
 * is shipped. The Logback and Log4j2 appender modules each provide one through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.logshipper.spi.LoggingAttachment}); the core falls back to
 * {@code java.util.logging} when none of them is in use.
 */
public interface LoggingAttachment {

    /** A short name for messages, e.g. {@code logback}. */
    String name();

    /** Whether the application logs through this framework (it is present and bound). */
    boolean isInUse();

    /**
     * Adds an appender for {@code shipper} to the root logger. Entries are written in the shipper's configured
     * entry format; records below its {@code log.level} ({@link io.logshipper.LogShipperConfig#logLevel()}) are
     * not shipped. Kafka's own loggers and the shipper's threads are refused, see {@link io.logshipper.spi.SelfLogging}.
     *
     * @return what removes the appender again; it does not close the shipper
     */
    AutoCloseable attach(LogShipper shipper);

    /**
     * Where a shipper attached to this framework says its problems: the framework's own status channel (Logback's
     * status manager, Log4j2's StatusLogger), as a warning. By default, standard error.
     */
    default ProblemChannel problemChannel() {
        return ProblemChannel.standardError();
    }
}
