package io.logshipper.log4j2;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.status.StatusLogger;

import io.logshipper.EntryFormat;
import io.logshipper.LogLevel;
import io.logshipper.LogShipper;
import io.logshipper.LogShipperConfig;
import io.logshipper.ShipperGauges;
import io.logshipper.ShipperHealth;
import io.logshipper.ShipperListener;
import io.logshipper.ShipperStats;
import io.logshipper.config.FrontDoor;
import io.logshipper.config.SettingException;
import io.logshipper.spi.ProblemChannel;
import io.logshipper.spi.SelfLogging;

/**
 * Log4j2 appender {@code <KafkaLog>} that ships the program's own log events to a Kafka topic through a
 * {@link LogShipper}.
 *
 * <pre>{@code
 * <KafkaLog name="KAFKA" topic="logs" programId="my-service" intervalSecs="5"
 *           bootstrapServers="localhost:9092" entryFormat="text">
 *   <Property name="compression.type">zstd</Property>
 *   <PatternLayout pattern="%d %-5level [%t] %c - %m%n%ex"/>
 * </KafkaLog>
 * }</pre>
 *
 * <p>{@link #append} never waits on Kafka: it hands the event to the shipper's bounded buffer, rendered on the
 * calling thread, or, for a pattern layout of plain conversions and an event without a throwable, captured
 * compactly (formatted message, time, level, logger and thread names, context data when printed) and rendered on
 * the shipper's thread. Events raised by logshipper's own Kafka clients (its thread, its producer's and admin
 * client's I/O threads, judged by the event's thread name under async loggers) are refused before anything is
 * rendered, so shipping can never log into itself; other appenders still get them. The application's own Kafka
 * client, Streams and Connect events are shipped unless {@code refuseKafkaLoggers="true"} (see {@link SelfLogging}).
 * The shipper (thread and producer) exists between {@link #start()} and {@link #stop(long, TimeUnit)}, so an
 * appender that Log4j builds but never starts holds nothing.
 *
 * <p>What goes wrong while shipping (Kafka cannot be reached, a message refused, authentication failed, entries
 * dropped) is said through Log4j's StatusLogger as WARN, at most once a minute, with the drops and failures counted
 * so far; never on raw standard error (the StatusLogger prints it where the configuration's {@code status} level
 * asks). {@link #stats()} and {@link #health()} tell how shipping goes; the {@code listener} attribute adds
 * {@link ShipperListener}s.
 */
@Plugin(name = KafkaLogAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE,
        printObject = true)
public final class KafkaLogAppender extends AbstractAppender {

    /** The element name in a Log4j2 configuration. */
    public static final String PLUGIN_NAME = "KafkaLog";

    /** Stop timeouts below this are Log4j's built-in defaults rather than a budget; see {@link #closeBudget}. */
    private static final Duration SMALLEST_DELIBERATE_TIMEOUT = Duration.ofMillis(100);

    private final LogShipperConfig config;
    private final Level threshold;
    private final EventCapture capture;
    private final boolean json;
    private final boolean refuseKafkaLoggers;
    private final List<ShipperListener> listeners;
    private final Instant created = Instant.now();
    private volatile LogShipper shipper;
    /** Why the last start failed, or null. */
    private volatile String startProblem;

    KafkaLogAppender(String name, Filter filter, Layout<? extends Serializable> layout,
            boolean ignoreExceptions, LogShipperConfig config, EventCapture capture,
            List<ShipperListener> listeners) {
        super(name, filter, layout, ignoreExceptions, Property.EMPTY_ARRAY);
        this.config = config;
        this.listeners = List.copyOf(listeners);
        this.threshold = config.logLevel() == LogLevel.ALL ? null : Level.toLevel(config.logLevel().name());
        this.capture = capture;
        this.json = config.entryFormat() == EntryFormat.JSON;
        this.refuseKafkaLoggers = config.refuseKafkaLoggers();
    }

    /** The builder Log4j fills from the {@code <KafkaLog>} element. */
    @PluginBuilderFactory
    public static <B extends KafkaLogAppenderBuilder<B>> B newBuilder() {
        return new KafkaLogAppenderBuilder<B>().asBuilder();
    }

    /** Starts the shipper; no network work happens on this thread. */
    @Override
    public void start() {
        synchronized (this) {
            if (shipper == null || shipper.isClosed()) {
                try {
                    shipper = LogShipper.start(config, statusChannel(), listeners);
                    startProblem = null;
                } catch (SettingException e) {
                    // A listener the settings name could not be created; Log4j goes on without this appender.
                    startProblem = e.wordedFor(FrontDoor.LOG4J2);
                    LOGGER.error("KafkaLog '{}': {}; nothing will be shipped", getName(), startProblem);
                }
            }
        }
        super.start();
    }

    /**
     * Renders or captures the event now (it may be reused once this returns) and queues it. Returns at once whatever
     * Kafka is doing; an entry the full buffer refuses is counted by the shipper and reported in a later message.
     */
    @Override
    public void append(LogEvent event) {
        // First, before any rendering: the recursion guard must cost nothing and queue nothing.
        if (SelfLogging.mustNotShip(event.getLoggerName(), event.getThreadName(), refuseKafkaLoggers)) {
            return;
        }
        if (threshold != null && !event.getLevel().isMoreSpecificThan(threshold)) {
            return;
        }
        LogShipper target = shipper;
        if (target == null) {
            return;
        }
        try {
            if (json) {
                target.log(EventCapture.entry(event));
            } else {
                capture.logText(target, event);
            }
        } catch (RuntimeException e) {
            // Counted as unrenderable and reported in the next message, like any drop.
            target.unrenderable(e);
            // Layout failures and throwing parts are already shipped with placeholders; what is left is
            // unexpected: report it through the rate-limited error handler, and only
            // rethrow when the configuration explicitly asked for it (ignoreExceptions="false", e.g. for failover).
            error("KafkaLog '" + getName() + "' could not capture an event: " + e, event, e);
            if (!ignoreExceptions()) {
                throw new AppenderLoggingException(e);
            }
        }
    }

    /**
     * Closes the shipper: what is buffered is sent and acknowledged within {@code closeTimeoutSecs}, or within
     * {@code timeout} when that is shorter and at least 100 ms (shorter ones are Log4j's built-in defaults).
     */
    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        // The shipper is closed while this appender still counts as started: the Kafka client logs while it
        // closes, and events reaching a stopping appender make Log4j print "Attempted to append to non-started
        // appender" errors. Those events are refused by the guard; application events are dropped and counted.
        LogShipper s;
        synchronized (this) {
            s = shipper;
        }
        if (s != null) {
            Duration budget = closeBudget(timeout, timeUnit);
            long undelivered = s.close(budget);
            if (undelivered > 0) {
                LOGGER.warn("KafkaLog '{}': {} log entries were not delivered to topic '{}' before stop ({} s budget)",
                        getName(), undelivered, config.topic(), budget.toMillis() / 1000.0);
            }
            long refused = s.stats().droppedClosed();
            if (refused > 0) {
                // They came after the last message, so no message can report them.
                LOGGER.warn("KafkaLog '{}': {} log entries arrived while the appender was stopping and were not shipped",
                        getName(), refused);
            }
        }
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        setStopped();
        return stopped;
    }

    /**
     * The shipper's close budget: {@code closeTimeoutSecs}, shortened by a deliberate caller timeout. Log4j itself
     * passes 0 (reconfiguration, its shutdown hook by default) or 50 ms ({@code LogManager.shutdown()}); neither
     * is a budget anyone chose for a network flush, and honouring 50 ms would lose what is buffered.
     */
    private Duration closeBudget(long timeout, TimeUnit timeUnit) {
        Duration budget = config.closeTimeout();
        Duration asked = Duration.ofNanos(timeUnit.toNanos(Math.max(0, timeout)));
        if (asked.compareTo(SMALLEST_DELIBERATE_TIMEOUT) >= 0 && asked.compareTo(budget) < 0) {
            return asked;
        }
        return budget;
    }

    /** The StatusLogger, as WARN. */
    private ProblemChannel statusChannel() {
        String name = getName();
        return (programId, problem) -> StatusLogger.getLogger().warn("KafkaLog '{}': logshipper [{}]: {}", name,
                programId, problem);
    }

    /**
     * The counters of the shipper of the last start; after {@link #stop(long, TimeUnit)} they are final. Before
     * the first start, all zero. Cheap; any thread. Reach the appender through
     * {@code LoggerContext.getConfiguration().getAppender(name)}.
     */
    public ShipperStats stats() {
        LogShipper s = shipper;
        return s != null ? s.stats() : new ShipperStats(0, 0, 0, 0, 0, 0);
    }

    /**
     * The gauges of the shipper of the last start (buffered entries and bytes, the oldest undelivered entry's
     * age, delivery latency); {@link ShipperGauges#NONE} before the first start. Cheap; any thread.
     */
    public ShipperGauges gauges() {
        LogShipper s = shipper;
        return s != null ? s.gauges() : ShipperGauges.NONE;
    }

    /**
     * The health of the shipper of the last start ({@code STOPPED} after {@link #stop(long, TimeUnit)}). Before the
     * first start, or when it failed, {@code STOPPED} with the reason as {@link ShipperHealth#lastError()}.
     */
    public ShipperHealth health() {
        LogShipper s = shipper;
        if (s != null && startProblem == null) {
            return s.health();
        }
        return new ShipperHealth(ShipperHealth.State.STOPPED, created,
                startProblem != null ? startProblem : "the appender was not started", null);
    }

    /** The shipper of the last start (closed after stop), else null; for tests and diagnostics. */
    LogShipper shipper() {
        return shipper;
    }
}
