package io.logshipper;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.logshipper.internal.ProducerSettings;
import io.logshipper.internal.Secrets;

/**
 * The validated, immutable settings of one {@link LogShipper}. Every entry point (the Java builder, the INI file,
 * the command-line flags, the Logback and Log4j2 XML) produces one of these through {@link LogShipperBuilder},
 * so the same mistake gets the same error everywhere.
 */
public final class LogShipperConfig {

    private final Map<String, String> producerConfig;
    private final String topic;
    private final String programId;
    private final Duration interval;
    private final EntryFormat entryFormat;
    private final boolean sendWhenIdle;
    private final int maxBufferedEntries;
    private final long maxBufferedBytes;
    private final int maxMessageBytes;
    private final int createTopicPartitions;
    private final short createTopicReplicationFactor;
    private final Duration closeTimeout;
    private final boolean shutdownHook;

    LogShipperConfig(LogShipperBuilder b) {
        this.producerConfig = Map.copyOf(b.producerConfig);
        this.topic = b.topic;
        this.programId = b.programId;
        this.interval = b.interval;
        this.entryFormat = b.entryFormat;
        this.sendWhenIdle = b.sendWhenIdle;
        this.maxBufferedEntries = b.maxBufferedEntries;
        this.maxBufferedBytes = b.maxBufferedBytes;
        this.maxMessageBytes = b.maxMessageBytes;
        this.createTopicPartitions = b.createTopicPartitions;
        this.createTopicReplicationFactor = b.createTopicReplicationFactor;
        this.closeTimeout = b.closeTimeout;
        this.shutdownHook = b.shutdownHook;
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
        return topic;
    }

    /** The program id given, if any; a shipper without one uses the hex of its identity hash. */
    public Optional<String> programId() {
        return Optional.ofNullable(programId);
    }

    /** Time between two periodic messages. */
    public Duration interval() {
        return interval;
    }

    /** How entries are written. */
    public EntryFormat entryFormat() {
        return entryFormat;
    }

    /** Whether a message is sent at an interval with no entries (a liveness signal). */
    public boolean sendWhenIdle() {
        return sendWhenIdle;
    }

    /** Cap on entries held while waiting to be sent. */
    public int maxBufferedEntries() {
        return maxBufferedEntries;
    }

    /** Cap on the characters of entry text held while waiting to be sent. */
    public long maxBufferedBytes() {
        return maxBufferedBytes;
    }

    /** Largest message value, in bytes, the shipper produces. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Partitions for a topic the shipper creates itself, or 0 when it leaves creation to the broker. */
    public int createTopicPartitions() {
        return createTopicPartitions;
    }

    /** Replication factor for a topic the shipper creates itself. */
    public short createTopicReplicationFactor() {
        return createTopicReplicationFactor;
    }

    /** Time budget of {@link LogShipper#close()}. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Whether {@link LogShipper#start(LogShipperConfig)} registers a JVM shutdown hook that closes the shipper. */
    public boolean shutdownHook() {
        return shutdownHook;
    }

    /** The effective settings, one per line, secrets masked: what a user should see at start-up. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("topic = ").append(topic).append('\n');
        sb.append("program.id = ").append(programId == null ? "(identity hash)" : programId).append('\n');
        sb.append("interval.secs = ").append(interval.toMillis() / 1000.0).append('\n');
        sb.append("entry.format = ").append(entryFormat.name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        sb.append("send.when.idle = ").append(sendWhenIdle).append('\n');
        sb.append("max.buffered.entries = ").append(maxBufferedEntries).append('\n');
        sb.append("max.buffered.bytes = ").append(maxBufferedBytes).append('\n');
        sb.append("max.message.bytes = ").append(maxMessageBytes).append('\n');
        if (createTopicPartitions > 0) {
            sb.append("create.topic.partitions = ").append(createTopicPartitions).append('\n');
            sb.append("create.topic.replication.factor = ").append(createTopicReplicationFactor).append('\n');
        }
        Secrets.masked(effectiveProducerConfig()).forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "LogShipperConfig[topic=" + topic + ", programId=" + programId + ", interval=" + interval
                + ", entryFormat=" + entryFormat + ", producer=" + Secrets.masked(producerConfig) + "]";
    }
}
