package io.logshipper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

import io.logshipper.config.Kind.InvalidValueException;
import io.logshipper.config.Origin;
import io.logshipper.config.Setting;
import io.logshipper.config.SettingException;
import io.logshipper.config.Settings;
import io.logshipper.internal.ProducerSettings;
import io.logshipper.spi.ProblemChannel;
import io.logshipper.internal.spool.DiskSpool;

/**
 * Collects a {@link LogShipper}'s settings, validates them once in {@link #config()} and starts the shipper in
 * {@link #build()}. Obtain one from {@link LogShipper#builder()}. Every setting is defined in {@link Settings};
 * the typed methods here are shorthands for {@link #set(Setting, Object)}. A wrong value is refused at once with
 * a {@link SettingException} naming the setting; a missing one, and rules between settings, at {@link #config()}.
 *
 * <p>Front doors that read text (the INI file, the appenders' XML, the flags) hand it over with
 * {@link #setText(Setting, String, Origin)}, so that every door parses with the same parser and errors are worded
 * for where the value came from.
 */
public final class LogShipperBuilder {

    /** Default time between messages: a minute, as in OpenMSIStream. */
    public static final Duration DEFAULT_INTERVAL = Settings.INTERVAL_SECS.defaultValue();
    /** Default budget of {@link LogShipper#close()}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Settings.CLOSE_TIMEOUT_SECS.defaultValue();

    /** Room a message must leave below {@code max.request.size} for the record's key, headers and framing. */
    private static final int REQUEST_OVERHEAD = 512;

    private final Map<Setting<?>, Object> values = new HashMap<>();
    private final Map<Setting<?>, Origin> origins = new HashMap<>();
    private final Map<String, String> producerConfig = new LinkedHashMap<>();
    private final Map<String, Origin> producerOrigins = new HashMap<>();
    Clock clock = Clock.systemUTC();
    ProducerFactory producerFactory;
    Ticker ticker = Ticker.system();
    private final List<ShipperListener> listeners = new ArrayList<>();
    private ProblemChannel problemChannel = ProblemChannel.standardError();

    LogShipperBuilder() {
    }

    /**
     * Sets one of logshipper's settings.
     *
     * @param value the value, or null to go back to the default
     * @throws SettingException naming the setting, when the value breaks its rule
     */
    public <T> LogShipperBuilder set(Setting<T> setting, T value) {
        return set(setting, value, Origin.BUILDER);
    }

    /** Like {@link #set(Setting, Object)}, for a front door that words errors for {@code origin}. */
    public <T> LogShipperBuilder set(Setting<T> setting, T value, Origin origin) {
        Objects.requireNonNull(setting, "setting");
        if (value == null) {
            return unset(setting);
        }
        T checked;
        try {
            checked = setting.kind().check(value);
        } catch (InvalidValueException e) {
            throw SettingException.of(setting, e.reason(), origin);
        }
        return put(setting, checked, origin);
    }

    /**
     * Sets one of logshipper's settings from text, as a front door reads it, parsed by the setting's
     * {@link io.logshipper.config.Kind}.
     *
     * @throws SettingException worded for {@code origin}, when the text is not a valid value
     */
    public LogShipperBuilder setText(Setting<?> setting, String text, Origin origin) {
        Objects.requireNonNull(setting, "setting");
        Object value;
        try {
            value = setting.parse(text);
        } catch (InvalidValueException e) {
            throw SettingException.of(setting, e.reason(), origin);
        }
        return put(setting, value, origin);
    }

    private LogShipperBuilder put(Setting<?> setting, Object value, Origin origin) {
        if (setting.isKafkaSetting()) {
            return producerSetting(setting.iniKey(), value.toString(), origin);
        }
        values.put(setting, value);
        origins.put(setting, origin);
        return this;
    }

    private LogShipperBuilder unset(Setting<?> setting) {
        if (setting.isKafkaSetting()) {
            producerConfig.remove(setting.iniKey());
            producerOrigins.remove(setting.iniKey());
        }
        values.remove(setting);
        origins.remove(setting);
        return this;
    }

    /** The Kafka {@code bootstrap.servers}, e.g. {@code host1:9092,host2:9092}. */
    public LogShipperBuilder bootstrapServers(String servers) {
        return set(Settings.BOOTSTRAP_SERVERS, servers);
    }

    /** Kafka producer settings passed through as strings; adds to (and overrides) earlier ones. */
    public LogShipperBuilder producerConfig(Map<String, String> settings) {
        settings.forEach(this::producerSetting);
        return this;
    }

    /** One Kafka producer setting, passed through as a string. */
    public LogShipperBuilder producerSetting(String key, String value) {
        return producerSetting(key, value, Origin.BUILDER);
    }

    /** Like {@link #producerSetting(String, String)}, for a front door that words errors for {@code origin}. */
    public LogShipperBuilder producerSetting(String key, String value, Origin origin) {
        Objects.requireNonNull(key, "producer setting name");
        String k = key.strip();
        if (value == null) {
            throw SettingException.ofKafka(k, "Kafka producer setting " + io.logshipper.config.Kinds.quoted(k)
                    + " has no value", origin);
        }
        producerConfig.put(k, value.strip());
        producerOrigins.put(k, origin);
        return this;
    }

    /** The topic to produce to (required). */
    public LogShipperBuilder topic(String topic) {
        return set(Settings.TOPIC, topic);
    }

    /** The program id; messages are keyed {@code <programId>_log}. Default: the hex of the shipper's identity hash. */
    public LogShipperBuilder programId(String programId) {
        return set(Settings.PROGRAM_ID, programId);
    }

    /** Time between two messages; default 60 s, from 1 ms to a day. */
    public LogShipperBuilder interval(Duration interval) {
        return set(Settings.INTERVAL_SECS, interval);
    }

    /** Time between two messages in decimal seconds, as {@code --log_interval_secs} gives it. */
    public LogShipperBuilder intervalSecs(double seconds) {
        return setText(Settings.INTERVAL_SECS, decimal(seconds), Origin.BUILDER);
    }

    /** Text (default) or JSON entries. */
    public LogShipperBuilder entryFormat(EntryFormat format) {
        return set(Settings.ENTRY_FORMAT, Objects.requireNonNull(format, "entryFormat"));
    }

    /** Whether to send a message at an interval with nothing logged (default true: it doubles as a liveness signal). */
    public LogShipperBuilder sendWhenIdle(boolean send) {
        return set(Settings.SEND_WHEN_IDLE, send);
    }

    /** Cap on entries held while waiting to be sent; default 100,000. */
    public LogShipperBuilder maxBufferedEntries(int max) {
        return set(Settings.MAX_BUFFERED_ENTRIES, max);
    }

    /** Cap on the heap entries held while waiting to be sent take; default 16 MiB. */
    public LogShipperBuilder maxBufferedBytes(long max) {
        return set(Settings.MAX_BUFFERED_BYTES, max);
    }

    /** Largest message value in bytes; default 1,000,000. Larger batches become several messages. */
    public LogShipperBuilder maxMessageBytes(int max) {
        return set(Settings.MAX_MESSAGE_BYTES, (long) max);
    }

    /**
     * Have the shipper create the topic through the Admin API before its first message, with these partitions
     * and replication factor; an existing topic is left as it is. Default: leave creation to the broker.
     */
    public LogShipperBuilder createTopic(int partitions, short replicationFactor) {
        return createTopicPartitions(partitions).createTopicReplicationFactor(replicationFactor);
    }

    /** Partitions of the topic the shipper creates; 0 (the default) leaves creation to the broker. */
    public LogShipperBuilder createTopicPartitions(int partitions) {
        return set(Settings.CREATE_TOPIC_PARTITIONS, partitions);
    }

    /** Replication factor of the topic the shipper creates; default 1. */
    public LogShipperBuilder createTopicReplicationFactor(short replicationFactor) {
        return set(Settings.CREATE_TOPIC_REPLICATION_FACTOR, (int) replicationFactor);
    }

    /**
     * What a full buffer does to the logging thread: with {@link Duration#ZERO} (the default) the entry is dropped
     * at once; otherwise the caller waits at most {@code wait} (1 ms to 5 s) for space, then drops it. Either way
     * a drop is counted and reported in-band.
     */
    public LogShipperBuilder overflowWait(Duration wait) {
        return set(Settings.OVERFLOW, wait);
    }

    /** Time budget of {@link LogShipper#close()}; default 10 s, at most an hour. */
    public LogShipperBuilder closeTimeout(Duration timeout) {
        return set(Settings.CLOSE_TIMEOUT_SECS, timeout);
    }

    /** The lowest level the appenders ship; default {@link LogLevel#ALL}. */
    public LogShipperBuilder logLevel(LogLevel level) {
        return set(Settings.LOG_LEVEL, level);
    }

    /**
     * Whether the adapters refuse every event of an {@code org.apache.kafka} logger, from any thread, as the peer
     * appenders do; default false: only what logshipper's own Kafka clients log is refused, and the Kafka client,
     * Streams and Connect events of the application's own threads are shipped.
     */
    public LogShipperBuilder refuseKafkaLoggers(boolean refuse) {
        return set(Settings.REFUSE_KAFKA_LOGGERS, refuse);
    }

    /**
     * Whether the shipper registers a JVM shutdown hook that closes it, within its close timeout, when the program
     * exits without calling {@link LogShipper#close}; default true. Turn it off where something else closes the
     * shipper at exit, such as a logging framework's own shutdown (as Log4j2's {@code shutdownHook="disable"}).
     */
    public LogShipperBuilder shutdownHook(boolean register) {
        return set(Settings.SHUTDOWN_HOOK, register);
    }

    /**
     * Whether the shipper registers its {@link LogShipperMXBean} in the platform MBean server as
     * {@code io.logshipper:type=LogShipper,name=<programId>} while it runs; default false.
     */
    public LogShipperBuilder jmx(boolean register) {
        return set(Settings.JMX, register);
    }

    /**
     * Kafka record headers on every log message, in this order, after the defaults {@code host} (this machine's
     * name) and {@code content-type} ({@code application/json}); a header of the same name replaces a default, one
     * with an empty value leaves it out. Names are 1 to 64 of a-z, A-Z, 0-9, '.', '_', '-'; values have no commas.
     */
    public LogShipperBuilder headers(Map<String, String> headers) {
        return set(Settings.HEADERS, headers == null ? null : new LinkedHashMap<>(headers));
    }

    /** The clock message timestamps are read from; default the system UTC clock. */
    public LogShipperBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Where the producer comes from; default a {@code KafkaProducer}, shared by shippers with equal settings. */
    public LogShipperBuilder producerFactory(ProducerFactory factory) {
        this.producerFactory = factory;
        return this;
    }

    /** The time the shipper's schedule (interval, back-off) runs on; default {@link Ticker#system()}. */
    public LogShipperBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Adds a listener that hears what the shipper does (messages sent and failed, drops, health changes), called on
     * the shipper's own thread; see {@link ShipperListener}. May be called several times: listeners are called in
     * the order added.
     */
    public LogShipperBuilder listener(ShipperListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Where the shipper says, at most once a minute, what goes wrong when no message can carry it (Kafka cannot
     * be reached, a message refused, entries dropped); default {@link ProblemChannel#standardError()}. The
     * appenders install their logging framework's status channel instead.
     */
    public LogShipperBuilder problemChannel(ProblemChannel channel) {
        this.problemChannel = Objects.requireNonNull(channel, "problemChannel");
        return this;
    }

    /**
     * Validates the settings and returns them sealed.
     *
     * @throws SettingException naming the first missing or invalid setting
     */
    public LogShipperConfig config() {
        if (!values.containsKey(Settings.TOPIC)) {
            throw SettingException.of(Settings.TOPIC, "is required", null);
        }
        return validated();
    }

    private LogShipperConfig validated() {
        String servers = producerConfig.get(Settings.BOOTSTRAP_SERVERS.iniKey());
        if (servers == null || servers.isBlank()) {
            throw SettingException.of(Settings.BOOTSTRAP_SERVERS, "is required",
                    producerOrigins.get(Settings.BOOTSTRAP_SERVERS.iniKey()));
        }
        if (!ProducerSettings.definitionsReady()) {
            // This thread is inside Kafka's ProducerConfig class initialiser, whose first act (getting its SLF4J
            // logger) started the logging configuration that is building this config: the producer's definitions
            // do not exist yet. Checked on the shipper's thread instead, before the producer is created.
            Map<Setting<?>, Object> valuesNow = new HashMap<>(values);
            Map<Setting<?>, Origin> originsNow = new HashMap<>(origins);
            Map<String, String> producerNow = new LinkedHashMap<>(producerConfig);
            Map<String, Origin> producerOriginsNow = new HashMap<>(producerOrigins);
            checkSpool(get(Settings.MAX_MESSAGE_BYTES));
            return new LogShipperConfig(values, producerConfig,
                    () -> checkProducerSettings(valuesNow, originsNow, producerNow, producerOriginsNow));
        }
        checkProducerSettings(values, origins, producerConfig, producerOrigins);
        checkSpool(get(Settings.MAX_MESSAGE_BYTES));
        return new LogShipperConfig(values, producerConfig, null);
    }

    /** The Kafka producer settings against the producer's own definitions, and max.message.bytes against them. */
    private static void checkProducerSettings(Map<Setting<?>, Object> values, Map<Setting<?>, Origin> origins,
            Map<String, String> producerConfig, Map<String, Origin> producerOrigins) {
        try {
            ProducerSettings.validate(producerConfig);
        } catch (SettingException e) {
            throw e.kafkaSetting().map(k -> e.from(producerOrigins.get(k))).orElse(e);
        }
        long maxMessageBytes = valueOf(values, Settings.MAX_MESSAGE_BYTES);
        String requestKey = ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
        // Already checked by Kafka's own definition; read back with it too.
        Object request = ProducerSettings.effective(producerConfig).get(requestKey);
        long maxRequest = ((Number) (request == null ? ProducerConfig.configDef().defaultValues().get(requestKey)
                : ConfigDef.parseType(requestKey, request, ConfigDef.Type.INT))).longValue();
        // Configured headers travel with every message too (the defaults fit in the overhead).
        long room = REQUEST_OVERHEAD + headerBytes(valueOf(values, Settings.HEADERS));
        if (maxMessageBytes > maxRequest - room) {
            Origin origin = origins.getOrDefault(Settings.MAX_MESSAGE_BYTES, producerOrigins.get(requestKey));
            throw SettingException.of(Settings.MAX_MESSAGE_BYTES, "must stay at least " + room
                    + " bytes below the Kafka setting max.request.size (" + maxRequest + ")"
                    + (room > REQUEST_OVERHEAD ? " with these headers" : "") + ", not '" + maxMessageBytes + "'",
                    origin);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T valueOf(Map<Setting<?>, Object> values, Setting<T> setting) {
        Object v = values.get(setting);
        return v != null ? (T) v : setting.defaultValue();
    }

    private void checkSpool(long maxMessageBytes) {
        if (!values.containsKey(Settings.SPOOL_DIR)) {
            return;
        }
        String dir = get(Settings.SPOOL_DIR);
        if (dir.isBlank()) {
            throw SettingException.of(Settings.SPOOL_DIR, "must name a directory, not ''",
                    origins.get(Settings.SPOOL_DIR));
        }
        if (!values.containsKey(Settings.PROGRAM_ID)) {
            throw SettingException.of(Settings.SPOOL_DIR, "needs " + Settings.PROGRAM_ID.name()
                    + " set: the spool's directory is named after it, so that the next start finds it",
                    origins.get(Settings.SPOOL_DIR));
        }
        long segment = get(Settings.SPOOL_SEGMENT_BYTES);
        if (segment < maxMessageBytes + DiskSpool.SEGMENT_OVERHEAD) {
            throw SettingException.of(Settings.SPOOL_SEGMENT_BYTES, "must be at least "
                    + DiskSpool.SEGMENT_OVERHEAD + " bytes above " + Settings.MAX_MESSAGE_BYTES.name() + " ("
                    + maxMessageBytes + "), not '" + segment + "'", origins.get(Settings.SPOOL_SEGMENT_BYTES));
        }
        long max = get(Settings.SPOOL_MAX_BYTES);
        if (max < 2 * segment) {
            throw SettingException.of(Settings.SPOOL_MAX_BYTES, "must be at least twice "
                    + Settings.SPOOL_SEGMENT_BYTES.name() + " (" + segment + "), not '" + max + "'",
                    origins.getOrDefault(Settings.SPOOL_MAX_BYTES, origins.get(Settings.SPOOL_SEGMENT_BYTES)));
        }
    }

    /**
     * Validates the settings and starts a shipper. Returns at once: the producer is created on the shipper's
     * own thread, so no network work happens here.
     */
    public LogShipper build() {
        return new LogShipper(config(), clock, ticker, producerFactory, List.copyOf(listeners), problemChannel)
                .start();
    }

    /**
     * Validates the settings, as {@link #config()} does except that no topic is needed (each event names its own),
     * and starts an {@link EventSender}: its thread, and a JVM shutdown hook unless turned off. Returns at once: the
     * producer is created on the sender's own thread. It uses {@code bootstrapServers} and the producer settings,
     * {@code programId} (to name its threads), {@code maxBufferedEntries}, {@code maxBufferedBytes},
     * {@code maxMessageBytes}, {@code closeTimeoutSecs} and {@code shutdownHook}; the clock and producer factory
     * too. Listeners are not called for events.
     *
     * @throws SettingException naming the first missing or invalid setting
     */
    public EventSender buildEventSender() {
        LogShipperConfig c = validated();
        return new EventSender(c, clock, producerFactory, null).start(c.shutdownHook());
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Setting<T> setting) {
        Object v = values.get(setting);
        return v != null ? (T) v : setting.defaultValue();
    }

    /** What configured headers add to a record: their UTF-8 bytes and a few bytes of framing each. */
    private static long headerBytes(Map<String, String> headers) {
        long n = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            n += h.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + h.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 10;
        }
        return n;
    }

    private static String decimal(double seconds) {
        return Double.isFinite(seconds) ? BigDecimal.valueOf(seconds).toPlainString() : String.valueOf(seconds);
    }
}
