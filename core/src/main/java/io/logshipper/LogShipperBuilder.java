package io.logshipper;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import io.logshipper.internal.ProducerSettings;

/**
 * Collects a {@link LogShipper}'s settings, validates them once in {@link #config()} and starts the shipper in
 * {@link #build()}. Obtain one from {@link LogShipper#builder()}. Validation errors are
 * {@link IllegalArgumentException}s whose message names the setting.
 */
public final class LogShipperBuilder {

    /** Default time between messages: a minute, as in OpenMSIStream. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** Default cap on buffered entries. */
    public static final int DEFAULT_MAX_BUFFERED_ENTRIES = 100_000;
    /** Default cap on buffered entry text: 16 MiB of characters. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 16L * 1024 * 1024;
    /** Default largest message value: just under Kafka's default 1 MiB request limit, leaving room for headers. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_000_000;
    /** Default budget of {@link LogShipper#close()}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** The smallest message size that still fits an envelope and a truncated entry. */
    static final int MIN_MESSAGE_BYTES = 1024;

    final Map<String, String> producerConfig = new LinkedHashMap<>();
    String topic;
    String programId;
    Duration interval = DEFAULT_INTERVAL;
    EntryFormat entryFormat = EntryFormat.TEXT;
    boolean sendWhenIdle = true;
    int maxBufferedEntries = DEFAULT_MAX_BUFFERED_ENTRIES;
    long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
    int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    int createTopicPartitions;
    short createTopicReplicationFactor = 1;
    Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    Clock clock = Clock.systemUTC();
    ProducerFactory producerFactory;
    Ticker ticker = Ticker.system();
    boolean shutdownHook = true;

    LogShipperBuilder() {
    }

    /** The Kafka {@code bootstrap.servers}, e.g. {@code host1:9092,host2:9092}. */
    public LogShipperBuilder bootstrapServers(String servers) {
        return producerSetting(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    }

    /** Kafka producer settings passed through as strings; adds to (and overrides) earlier ones. */
    public LogShipperBuilder producerConfig(Map<String, String> settings) {
        settings.forEach(this::producerSetting);
        return this;
    }

    /** One Kafka producer setting, passed through as a string. */
    public LogShipperBuilder producerSetting(String key, String value) {
        Objects.requireNonNull(key, "producer setting name");
        if (value == null) {
            throw new IllegalArgumentException("Kafka producer setting '" + key.trim() + "' has no value");
        }
        producerConfig.put(key.trim(), value.trim());
        return this;
    }

    /** The topic to produce to (required). */
    public LogShipperBuilder topic(String topic) {
        this.topic = topic;
        return this;
    }

    /** The program id; messages are keyed {@code <programId>_log}. Default: the hex of the shipper's identity hash. */
    public LogShipperBuilder programId(String programId) {
        this.programId = programId;
        return this;
    }

    /** Time between two messages; default 60 s. */
    public LogShipperBuilder interval(Duration interval) {
        this.interval = interval;
        return this;
    }

    /** Time between two messages in decimal seconds, as {@code --log_interval_secs} gives it. */
    public LogShipperBuilder intervalSecs(double seconds) {
        if (!Double.isFinite(seconds) || seconds <= 0) {
            throw new IllegalArgumentException("interval must be a finite number of seconds > 0, not " + seconds);
        }
        long nanos = Math.round(seconds * 1e9);
        return interval(Duration.ofNanos(Math.max(nanos, 1_000_000)));
    }

    /** Text (default) or JSON entries. */
    public LogShipperBuilder entryFormat(EntryFormat format) {
        this.entryFormat = Objects.requireNonNull(format, "entryFormat");
        return this;
    }

    /** Whether to send a message at an interval with nothing logged (default true: it doubles as a liveness signal). */
    public LogShipperBuilder sendWhenIdle(boolean send) {
        this.sendWhenIdle = send;
        return this;
    }

    /** Cap on entries held while waiting to be sent; default 100,000. */
    public LogShipperBuilder maxBufferedEntries(int max) {
        this.maxBufferedEntries = max;
        return this;
    }

    /** Cap on characters of entry text held while waiting to be sent; default 16 MiB. */
    public LogShipperBuilder maxBufferedBytes(long max) {
        this.maxBufferedBytes = max;
        return this;
    }

    /** Largest message value in bytes; default 1,000,000. Larger batches become several messages. */
    public LogShipperBuilder maxMessageBytes(int max) {
        this.maxMessageBytes = max;
        return this;
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
        this.createTopicPartitions = partitions;
        return this;
    }

    /** Replication factor of the topic the shipper creates; default 1. */
    public LogShipperBuilder createTopicReplicationFactor(short replicationFactor) {
        this.createTopicReplicationFactor = replicationFactor;
        return this;
    }

    /** Time budget of {@link LogShipper#close()}; default 10 s. */
    public LogShipperBuilder closeTimeout(Duration timeout) {
        this.closeTimeout = timeout;
        return this;
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
     * Whether the shipper registers a JVM shutdown hook that closes it, within its close timeout, when the program
     * exits without calling {@link LogShipper#close}; default true. Turn it off where something else closes the
     * shipper at exit, such as a logging framework's own shutdown (as Log4j2's {@code shutdownHook="disable"}).
     */
    public LogShipperBuilder shutdownHook(boolean register) {
        this.shutdownHook = register;
        return this;
    }

    /**
     * Validates the settings and returns them sealed.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public LogShipperConfig config() {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
        try {
            Topic.validate(topic);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("topic '" + topic + "' is not a valid Kafka topic name: "
                    + e.getMessage(), e);
        }
        if (programId != null && programId.isBlank()) {
            throw new IllegalArgumentException("programId must not be empty");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0, not " + interval);
        }
        String servers = producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers (Kafka setting bootstrap.servers) is required");
        }
        ProducerSettings.validate(producerConfig);
        requirePositive("maxBufferedEntries", maxBufferedEntries);
        requirePositive("maxBufferedBytes", maxBufferedBytes);
        if (maxMessageBytes < MIN_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be at least " + MIN_MESSAGE_BYTES
                    + ", not " + maxMessageBytes);
        }
        int maxRequest = Integer.parseInt(ProducerSettings.effective(producerConfig)
                .getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576"));
        if (maxMessageBytes > maxRequest - 512) {
            throw new IllegalArgumentException("maxMessageBytes (" + maxMessageBytes + ") must stay at least 512"
                    + " bytes below the Kafka setting max.request.size (" + maxRequest + ")");
        }
        if (createTopicPartitions < 0 || createTopicPartitions > 0 && createTopicReplicationFactor < 1) {
            throw new IllegalArgumentException("createTopic needs partitions >= 1 and replicationFactor >= 1");
        }
        if (closeTimeout == null || closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must be >= 0, not " + closeTimeout);
        }
        return new LogShipperConfig(this);
    }

    /**
     * Validates the settings and starts a shipper. Returns at once: the producer is created on the shipper's
     * own thread, so no network work happens here.
     */
    public LogShipper build() {
        return new LogShipper(config(), clock, ticker, producerFactory).start();
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, not " + value);
        }
    }
}
