package io.logshipper;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.logshipper.config.Setting;
import io.logshipper.config.SettingException;
import io.logshipper.config.Settings;
import io.logshipper.internal.ProducerSettings;
import io.logshipper.internal.Secrets;

/**
 * The validated, immutable settings of one {@link LogShipper}. Every entry point (the Java builder, the INI file,
 * the command-line flags, the Logback and Log4j2 XML) produces one of these through {@link LogShipperBuilder},
 * so the same mistake gets the same error everywhere. {@link #get(Setting)} reads any setting of
 * {@link Settings}; the typed methods are shorthands.
 */
public final class LogShipperConfig {

    private final Map<Setting<?>, Object> values;
    private final Map<String, String> producerConfig;
    /** The Kafka checks that could not run when this was built, or null; see {@link #checkProducerSettings()}. */
    private final Runnable pendingProducerCheck;

    LogShipperConfig(Map<Setting<?>, Object> values, Map<String, String> producerConfig, Runnable pendingProducerCheck) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
        this.producerConfig = Map.copyOf(producerConfig);
        this.pendingProducerCheck = pendingProducerCheck;
    }

    /**
     * Checks the Kafka producer settings against the producer's own definitions, when that could not be done as
     * this config was built: the thread building it was inside Kafka's {@code ProducerConfig} class initialiser,
     * whose first act (getting its SLF4J logger) can start the logging framework that builds an appender's
     * config. The shipper calls this on its own thread before it creates the producer; otherwise it does nothing.
     *
     * @throws SettingException naming the Kafka setting at fault, as {@link LogShipperBuilder#config()} would have
     */
    public void checkProducerSettings() {
        if (pendingProducerCheck != null) {
            pendingProducerCheck.run();
        }
    }

    /** The value of {@code setting}: the one given, else its default (null for a setting without one). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (setting.isKafkaSetting()) {
            return (T) producerConfig.get(setting.iniKey());
        }
        Object v = values.get(setting);
        return v != null ? (T) v : setting.defaultValue();
    }

    /** Whether {@code setting} was given rather than left at its default. */
    public boolean isSet(Setting<?> setting) {
        return setting.isKafkaSetting() ? producerConfig.containsKey(setting.iniKey()) : values.containsKey(setting);
    }

    /** The user's Kafka producer settings (including {@code bootstrap.servers}), without the shipper's defaults. */
    public Map<String, String> producerConfig() {
        return producerConfig;
    }

    /** The shipper's producer defaults with the user's settings laid over them. */
    public Map<String, String> effectiveProducerConfig() {
        return ProducerSettings.effective(producerConfig);
    }

    /** The topic messages go to. */
    public String topic() {
        return get(Settings.TOPIC);
    }

    /** The program id given, if any; a shipper without one uses the hex of its identity hash. */
    public Optional<String> programId() {
        return Optional.ofNullable(get(Settings.PROGRAM_ID));
    }

    /** Time between two periodic messages. */
    public Duration interval() {
        return get(Settings.INTERVAL_SECS);
    }

    /** How entries are written. */
    public EntryFormat entryFormat() {
        return get(Settings.ENTRY_FORMAT);
    }

    /** Whether a message is sent at an interval with no entries (a liveness signal). */
    public boolean sendWhenIdle() {
        return get(Settings.SEND_WHEN_IDLE);
    }

    /** Cap on entries held while waiting to be sent. */
    public int maxBufferedEntries() {
        return get(Settings.MAX_BUFFERED_ENTRIES);
    }

    /** Cap on the heap entries held while waiting to be sent take. */
    public long maxBufferedBytes() {
        return get(Settings.MAX_BUFFERED_BYTES);
    }

    /** Largest message value, in bytes, the shipper produces. */
    public int maxMessageBytes() {
        return Math.toIntExact(get(Settings.MAX_MESSAGE_BYTES));
    }

    /** Partitions for a topic the shipper creates itself, or 0 when it leaves creation to the broker. */
    public int createTopicPartitions() {
        return get(Settings.CREATE_TOPIC_PARTITIONS);
    }

    /** Replication factor for a topic the shipper creates itself. */
    public short createTopicReplicationFactor() {
        return get(Settings.CREATE_TOPIC_REPLICATION_FACTOR).shortValue();
    }

    /** How long a caller waits for space in a full buffer before its entry is dropped; zero: never. */
    public Duration overflowWait() {
        return get(Settings.OVERFLOW);
    }

    /** Time budget of {@link LogShipper#close()}. */
    public Duration closeTimeout() {
        return get(Settings.CLOSE_TIMEOUT_SECS);
    }

    /** The lowest level the adapters ship. */
    public LogLevel logLevel() {
        return get(Settings.LOG_LEVEL);
    }

    /** Whether the adapters refuse every {@code org.apache.kafka} logger's event, not only logshipper's own clients'. */
    public boolean refuseKafkaLoggers() {
        return get(Settings.REFUSE_KAFKA_LOGGERS);
    }

    /** Whether the core closes the shipper from a JVM shutdown hook. */
    public boolean shutdownHook() {
        return get(Settings.SHUTDOWN_HOOK);
    }

    /**
     * The headers configured for every log message, in order; a name with an empty value turns that default header
     * off. The defaults ({@code host}, {@code content-type}) are not in it.
     */
    public Map<String, String> headers() {
        return get(Settings.HEADERS);
    }

    /** The effective settings, one per line with their INI keys, secrets masked: what a user should see at start-up. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Setting<?> s : Settings.ALL) {
            if (s.isKafkaSetting() || s == Settings.PREFER_SEPARATE_PRODUCER) {
                continue;
            }
            sb.append(s.iniKey()).append(" = ").append(describe(s)).append('\n');
        }
        Secrets.masked(effectiveProducerConfig()).forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    private <T> String describe(Setting<T> s) {
        T value = get(s);
        return value == null ? s.defaultText() : s.kind().format(value);
    }

    @Override
    public String toString() {
        return "LogShipperConfig[topic=" + topic() + ", programId=" + get(Settings.PROGRAM_ID) + ", interval="
                + interval() + ", entryFormat=" + entryFormat() + ", producer=" + Secrets.masked(producerConfig) + "]";
    }
}
