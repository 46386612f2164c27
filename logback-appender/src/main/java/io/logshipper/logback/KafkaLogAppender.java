package io.logshipper.logback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAware;
import ch.qos.logback.core.spi.LifeCycle;

import io.logshipper.EntryFormat;
import io.logshipper.LogLevel;
import io.logshipper.LogShipper;
import io.logshipper.LogShipperConfig;
import io.logshipper.ShipperGauges;
import io.logshipper.ShipperHealth;
import io.logshipper.ShipperListener;
import io.logshipper.ShipperStats;
import io.logshipper.spi.AppenderSettings;
import io.logshipper.spi.ProblemChannel;
import io.logshipper.spi.SelfLogging;
import io.logshipper.config.FrontDoor;
import io.logshipper.config.Setting;
import io.logshipper.config.SettingException;
import io.logshipper.config.Settings;

/**
 * A Logback appender that ships the program's own log events to a Kafka topic through a {@link LogShipper}.
 *
 * <pre>{@code
 * <appender name="KAFKA" class="io.logshipper.logback.KafkaLogAppender">
 *   <topic>logs</topic>
 *   <programId>my-service</programId>
 *   <bootstrapServers>localhost:9092</bootstrapServers>
 * </appender>
 * }</pre>
 *
 * <p>Logging never waits on Kafka: {@code append} formats the event on the calling thread and hands it to the
 * shipper's bounded buffer. Events raised by logshipper's own Kafka clients (its thread, its producer's and admin
 * client's I/O threads) are refused before anything else, so shipping can never feed on itself; other appenders
 * still receive them. The application's own Kafka client, Streams and Connect events are shipped, unless
 * {@code <refuseKafkaLoggers>} asks for the peers' behaviour (see {@link SelfLogging}).
 *
 * <p>Configuration mistakes are reported as WARN status messages naming the XML element, and leave the
 * appender stopped; it never throws into the application and never raises an ERROR status, which would make
 * Spring Boot refuse to start. Settings are kept as text and parsed in {@link #start()} for that reason:
 * Joran's own conversion failures are reported as errors without saying which element of ours was wrong.
 *
 * <p>What goes wrong while shipping (Kafka cannot be reached, a message refused, authentication failed, entries
 * dropped) is said as a WARN status of the logger context, at most once a minute, with the drops and failures
 * counted so far; never on raw standard error. {@link #stats()} and {@link #health()} tell how shipping goes, and
 * {@code <listener class="..."/>} elements add {@link ShipperListener}s.
 */
public class KafkaLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The text layout used when neither an encoder nor a layout is configured. */
    public static final String DEFAULT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger - %msg%n%ex";

    /** How many failures to format an event are reported before the appender goes quiet about them. */
    private static final int MAX_APPEND_WARNINGS = 3;

    /** The elements given, as text, by setting: parsed in start() by the schema's parsers. */
    private final Map<Setting<?>, String> elements = new LinkedHashMap<>();
    private String configFile;
    private final List<String> producerConfig = new ArrayList<>();
    private Encoder<ILoggingEvent> encoder;
    private Layout<ILoggingEvent> layout;

    private volatile LogShipper shipper;
    private volatile EventConverter textConverter;
    private volatile boolean json;
    private volatile boolean callerData;
    private volatile boolean deferrable = true;
    private volatile Level threshold = Level.ALL;
    /** The {@code refuseKafkaLoggers} setting; read on every event, so kept apart from the config. */
    private volatile boolean refuseKafkaLoggers;
    private PatternLayout defaultLayout;
    private final AtomicInteger appendWarnings = new AtomicInteger();
    private final List<ShipperListener> listeners = new CopyOnWriteArrayList<>();
    /** The shipper of the last start, kept after stop so that its final stats and health stay readable. */
    private volatile LogShipper lastShipper;
    /** Why the last start failed, or null. */
    private volatile String startProblem;
    private final Instant created = Instant.now();

    /**
     * Refuses self-logging before Logback's filters run: a filter may format the event, and formatting an event
     * of logshipper's own Kafka clients here is the first step of logging about logging. The event's thread name
     * is judged as well as the current thread, for events appended by Logback's AsyncAppender.
     */
    @Override
    public void doAppend(ILoggingEvent event) {
        if (SelfLogging.mustNotShip(event.getLoggerName(), event.getThreadName(), refuseKafkaLoggers)) {
            return;
        }
        super.doAppend(event);
    }

    @Override
    protected void append(ILoggingEvent event) {
        // Checked again here so that a subclass overriding doAppend cannot lose the guard.
        if (SelfLogging.mustNotShip(event.getLoggerName(), event.getThreadName(), refuseKafkaLoggers)) {
            return;
        }
        LogShipper s = shipper;
        if (s == null || !event.getLevel().isGreaterOrEqual(threshold)) {
            return;
        }
        try {
            // A false return is a counted drop that the core reports in-band; a status per drop would flood.
            if (json) {
                s.log(EventConverter.entry(event));
            } else {
                DeferredEvent deferred = deferred(event);
                if (deferred != null) {
                    s.log(deferred);
                } else {
                    s.log(textConverter.text(event));
                }
            }
        } catch (RuntimeException e) {
            // Counted as unrenderable and reported in the next message, like any drop.
            s.unrenderable(e);
            // Logback would turn an escaping exception into an ERROR status; a broken layout is not worth that.
            // Layout failures are already shipped with a placeholder (EventConverter.layoutText).
            if (appendWarnings.incrementAndGet() <= MAX_APPEND_WARNINGS) {
                addWarn("could not format a log event for Kafka; it was not shipped (counted and reported in-band)", e);
            }
        }
    }

    /**
     * Captures what the layout will read from this thread, so that the layout itself runs on the shipper's
     * thread. An event that cannot be prepared (a context without an MDC adapter) is rendered here instead.
     */
    private DeferredEvent deferred(ILoggingEvent event) {
        if (!deferrable) {
            return null;
        }
        try {
            event.prepareForDeferredProcessing();
            if (callerData) {
                event.getCallerData();
            }
            return new DeferredEvent(event, textConverter);
        } catch (RuntimeException e) {
            // Logback throws here on a context without an MDC adapter; an exception per event would cost more
            // than rendering here, so this appender renders on the logging thread from now on.
            deferrable = false;
            return null;
        }
    }

    /**
     * Validates the settings and starts the shipper. A mistake is reported as a WARN status naming the element,
     * and the appender stays stopped. Never touches the network on the calling thread.
     */
    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        LogShipperConfig config;
        try {
            config = configure();
        } catch (IllegalArgumentException e) {
            startProblem = e.getMessage();
            addWarn(e.getMessage() + "; the appender is not started and nothing will be shipped");
            return;
        }
        json = config.entryFormat() == EntryFormat.JSON;
        refuseKafkaLoggers = config.refuseKafkaLoggers();
        threshold = logbackLevel(config.logLevel());
        EventConverter converter = null;
        try {
            if (json) {
                if (encoder != null || layout != null) {
                    addInfo("<encoder> and <layout> only shape text entries; they are not used with json entries");
                }
            } else {
                converter = textConverter();
            }
            shipper = LogShipper.start(config, statusChannel(), listeners);
        } catch (RuntimeException e) {
            startProblem = e instanceof SettingException se ? se.wordedFor(FrontDoor.LOGBACK)
                    : "could not start the log shipper: " + e.getClass().getName();
            if (e instanceof SettingException) {
                addWarn(startProblem + "; the appender is not started and nothing will be shipped");
            } else {
                addWarn("could not start the log shipper; the appender is not started and nothing will be shipped", e);
            }
            stopDefaultLayout();
            return;
        }
        startProblem = null;
        lastShipper = shipper;
        textConverter = converter;
        callerData = converter != null && converter.needsCallerData();
        super.start();
        addInfo("shipping logs to Kafka: " + shipper);
    }

    /**
     * Stops accepting events, then sends everything buffered within the close timeout (default 10 s), even
     * when the broker is down. Entries still undelivered after that are reported as a WARN status.
     */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        LogShipper s = shipper;
        shipper = null;
        if (s != null) {
            long undelivered = s.close(s.config().closeTimeout());
            long refused = s.stats().droppedClosed();
            if (undelivered > 0) {
                addWarn(undelivered + " log entries were not delivered to Kafka topic " + s.config().topic()
                        + " within the close timeout of " + s.config().closeTimeout().toMillis() + " ms");
            }
            if (refused > 0) {
                // They came after the last message, so no message can report them.
                addWarn(refused + " log entries arrived while the appender was stopping and were not shipped");
            }
            if (undelivered == 0 && refused == 0) {
                addInfo("log shipper closed; every entry was delivered");
            }
        }
        stopDefaultLayout();
    }

    /** The logger context's status manager, as WARN: never ERROR, which would make Spring Boot refuse to start. */
    private ProblemChannel statusChannel() {
        return (programId, problem) -> addWarn("logshipper [" + programId + "]: " + problem);
    }

    private void stopDefaultLayout() {
        if (defaultLayout != null) {
            defaultLayout.stop();
            defaultLayout = null;
        }
    }

    /**
     * The settings: the config file first, then the elements, which override it. Errors are worded for the
     * element, or for the file and line when the value came from the file.
     *
     * @throws IllegalArgumentException whose message names the element or the file and line at fault
     */
    private LogShipperConfig configure() {
        Map<String, String> kafka = new LinkedHashMap<>();
        for (String line : producerConfig) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                // The value is not echoed: it may well be a password.
                throw new IllegalArgumentException("<producerConfig> must read key=value, as in compression.type=zstd");
            }
            kafka.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return AppenderSettings.resolve(FrontDoor.LOGBACK, "<configFile>", configFile, elements, kafka);
    }

    /** Logback's level for logshipper's: the same name, but ERROR for FATAL, which Logback does not have. */
    static Level logbackLevel(LogLevel level) {
        return level == LogLevel.FATAL ? Level.ERROR : Level.toLevel(level.name(), Level.ALL);
    }

    /** Keeps an element's text for {@link #start()}; blank text (an unset substitution) leaves the setting unset. */
    private void element(Setting<?> setting, String text) {
        if (text == null || text.isBlank()) {
            elements.remove(setting);
        } else {
            elements.put(setting, text);
        }
    }

    private EventConverter textConverter() {
        if (encoder != null) {
            if (layout != null) {
                addWarn("both <encoder> and <layout> are set; using <encoder>");
            }
            startIfNeeded(encoder);
            return EventConverter.ofEncoder(encoder);
        }
        if (layout != null) {
            startIfNeeded(layout);
            return EventConverter.ofLayout(layout);
        }
        defaultLayout = new PatternLayout();
        defaultLayout.setContext(getContext());
        defaultLayout.setPattern(DEFAULT_PATTERN);
        defaultLayout.start();
        return EventConverter.ofLayout(defaultLayout);
    }

    private void startIfNeeded(LifeCycle component) {
        // Joran starts nested components itself; an appender built in code may hand over an unstarted one.
        if (component instanceof ContextAware aware && aware.getContext() == null) {
            aware.setContext(getContext());
        }
        if (!component.isStarted()) {
            component.start();
        }
    }

    // ---- Joran setters: every value is kept as text and parsed in start(), see the class comment. ----

    /** {@code <bootstrapServers>}: the Kafka {@code bootstrap.servers}; overrides the config file's. */
    public void setBootstrapServers(String value) {
        element(Settings.BOOTSTRAP_SERVERS, value);
    }

    /** {@code <topic>}: the topic to produce to (required, here or in the config file). */
    public void setTopic(String value) {
        element(Settings.TOPIC, value);
    }

    /** {@code <programId>}: messages are keyed {@code <programId>_log}. */
    public void setProgramId(String value) {
        element(Settings.PROGRAM_ID, value);
    }

    /** {@code <intervalSecs>}: decimal seconds between two messages; default 60. */
    public void setIntervalSecs(String value) {
        element(Settings.INTERVAL_SECS, value);
    }

    /** {@code <entryFormat>}: {@code text} (default) or {@code json}. */
    public void setEntryFormat(String value) {
        element(Settings.ENTRY_FORMAT, value);
    }

    /** {@code <sendWhenIdle>}: whether to send a message at an interval with nothing logged; default true. */
    public void setSendWhenIdle(String value) {
        element(Settings.SEND_WHEN_IDLE, value);
    }

    /** {@code <maxBufferedEntries>}: cap on buffered entries; default 262,144. */
    public void setMaxBufferedEntries(String value) {
        element(Settings.MAX_BUFFERED_ENTRIES, value);
    }

    /** {@code <maxBufferedBytes>}: cap on the heap buffered entries take; default 32 MiB (less on a heap under 256 MiB). */
    public void setMaxBufferedBytes(String value) {
        element(Settings.MAX_BUFFERED_BYTES, value);
    }

    /** {@code <overflow>}: {@code drop} (default) or {@code wait:50ms}, how long a caller waits for space. */
    public void setOverflow(String value) {
        element(Settings.OVERFLOW, value);
    }

    /** {@code <maxMessageBytes>}: largest message value in bytes; default 1,000,000. */
    public void setMaxMessageBytes(String value) {
        element(Settings.MAX_MESSAGE_BYTES, value);
    }

    /** {@code <createTopicPartitions>}: create the topic with this many partitions; default 0 (off). */
    public void setCreateTopicPartitions(String value) {
        element(Settings.CREATE_TOPIC_PARTITIONS, value);
    }

    /** {@code <createTopicReplicationFactor>}: replication factor of the topic created; default 1. */
    public void setCreateTopicReplicationFactor(String value) {
        element(Settings.CREATE_TOPIC_REPLICATION_FACTOR, value);
    }

    /** {@code <closeTimeoutSecs>}: decimal seconds {@link #stop()} may take to deliver what is buffered; default 10. */
    public void setCloseTimeoutSecs(String value) {
        element(Settings.CLOSE_TIMEOUT_SECS, value);
    }

    /** {@code <logLevel>}: the lowest level shipped; default ALL. */
    public void setLogLevel(String value) {
        element(Settings.LOG_LEVEL, value);
    }

    /**
     * {@code <refuseKafkaLoggers>}: refuse every {@code org.apache.kafka} logger's event, not only those of
     * logshipper's own clients; default false.
     */
    public void setRefuseKafkaLoggers(String value) {
        element(Settings.REFUSE_KAFKA_LOGGERS, value);
    }

    /**
     * {@code <jmx>}: register an MXBean {@code io.logshipper:type=LogShipper,name=<programId>} with the counters
     * and the health; default false.
     */
    public void setJmx(String value) {
        element(Settings.JMX, value);
    }

    /**
     * {@code <headers>}: Kafka record headers on every message, {@code name=value,name2=value2}, besides the
     * defaults {@code host} and {@code content-type}; {@code name=} leaves one out.
     */
    public void setHeaders(String value) {
        element(Settings.HEADERS, value);
    }

    // The disk spool (issue 14); see docs/spool.md.

    /** {@code <spoolDir>}: turns the disk spool on, in {@code <spoolDir>/<programId>/}; needs {@code programId}. */
    public void setSpoolDir(String value) {
        element(Settings.SPOOL_DIR, value);
    }

    /** {@code <spoolMaxBytes>}: cap on the spool's bytes on disk; default 64 MiB. */
    public void setSpoolMaxBytes(String value) {
        element(Settings.SPOOL_MAX_BYTES, value);
    }

    /** {@code <spoolSegmentBytes>}: size of one spool segment file; default 4 MiB. */
    public void setSpoolSegmentBytes(String value) {
        element(Settings.SPOOL_SEGMENT_BYTES, value);
    }

    /** {@code <spoolFsyncIntervalMs>}: 0 syncs every message (default), N at most N ms later, -1 never (unsafe). */
    public void setSpoolFsyncIntervalMs(String value) {
        element(Settings.SPOOL_FSYNC_INTERVAL_MS, value);
    }

    /** {@code <configFile>}: an INI file whose {@code [broker]} and {@code [log]} sections are applied first. */
    public void setConfigFile(String configFile) {
        this.configFile = configFile;
    }

    /** {@code <producerConfig>}: one Kafka producer setting as {@code key=value}; repeat the element for more. */
    public void addProducerConfig(String keyValue) {
        producerConfig.add(keyValue == null ? "" : keyValue);
    }

    /** Formats text entries; takes precedence over a layout. Not used for JSON entries. */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** Formats text entries when no encoder is set. Not used for JSON entries. */
    public void setLayout(Layout<ILoggingEvent> layout) {
        this.layout = layout;
    }

    /**
     * {@code <listener class="com.example.MyListener"/>}: a {@link ShipperListener} that hears what the shipper
     * does; repeat the element for more. Logback creates it through its public no-argument constructor (and
     * reports a class it cannot find or create, or one that is not a {@code ShipperListener}, as it does for any
     * component). Takes effect at the next {@link #start()}.
     */
    public void addListener(ShipperListener listener) {
        if (listener != null) {
            listeners.add(listener);
        }
    }

    /**
     * The counters of the shipper of the last start; after {@link #stop()} they are final. Before the first
     * start (or when it failed), all zero. Cheap; any thread.
     */
    public ShipperStats stats() {
        LogShipper s = lastShipper;
        return s != null ? s.stats() : new ShipperStats(0, 0, 0, 0, 0, 0);
    }

    /**
     * The gauges of the shipper of the last start (buffered entries and bytes, the oldest undelivered entry's
     * age, delivery latency); {@link ShipperGauges#NONE} before the first start. Cheap; any thread.
     */
    public ShipperGauges gauges() {
        LogShipper s = lastShipper;
        return s != null ? s.gauges() : ShipperGauges.NONE;
    }

    /**
     * The health of the shipper of the last start ({@code STOPPED} after {@link #stop()}). Before the first start,
     * or when a start failed, {@code STOPPED} with the reason as {@link ShipperHealth#lastError()}. Cheap; any
     * thread.
     */
    public ShipperHealth health() {
        LogShipper s = lastShipper;
        if (s != null && startProblem == null) {
            return s.health();
        }
        return new ShipperHealth(ShipperHealth.State.STOPPED, created,
                startProblem != null ? startProblem : "the appender was not started", null);
    }

    /** The running shipper, or null while the appender is stopped; see {@link #stats()} and {@link #health()}. */
    public LogShipper getShipper() {
        return shipper;
    }
}
