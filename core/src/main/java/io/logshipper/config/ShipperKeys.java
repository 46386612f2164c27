package io.logshipper.config;

import java.util.List;

/**
 * The names of logshipper's own settings in the {@code [log]} section. They are taken out before the rest of
 * the section reaches Kafka, so none of them may collide with a Kafka producer setting.
 */
public final class ShipperKeys {

    /** Topic to produce to; the {@code --log_topic_name} flag overrides it. */
    public static final String TOPIC = "topic";
    /** Program id; the {@code --log_program_id} flag overrides it. */
    public static final String PROGRAM_ID = "program.id";
    /** Decimal seconds between messages; the {@code --log_interval_secs} flag overrides it. */
    public static final String INTERVAL_SECS = "interval.secs";
    /** {@code text} or {@code json}. */
    public static final String ENTRY_FORMAT = "entry.format";
    /** Whether to send a message when nothing was logged. */
    public static final String SEND_WHEN_IDLE = "send.when.idle";
    /** Cap on buffered entries. */
    public static final String MAX_BUFFERED_ENTRIES = "max.buffered.entries";
    /** OpenMSIStream's name for the entry cap; accepted as an alias. */
    public static final String MAX_LOGS_PER_MESSAGE = "max.logs.per.message";
    /** Cap on buffered characters. */
    public static final String MAX_BUFFERED_BYTES = "max.buffered.bytes";
    /** Largest message value in bytes. */
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    /** Partitions of a topic the shipper creates; absent: the broker creates it. */
    public static final String CREATE_TOPIC_PARTITIONS = "create.topic.partitions";
    /** Replication factor of a topic the shipper creates. */
    public static final String CREATE_TOPIC_REPLICATION_FACTOR = "create.topic.replication.factor";
    /** Budget in decimal seconds for closing. */
    public static final String CLOSE_TIMEOUT_SECS = "close.timeout.secs";
    /** Lowest level shipped when logshipper attaches itself to the logging framework (default: everything). */
    public static final String LOG_LEVEL = "log.level";
    /** OpenMSIStream's switch for a separate producer; logshipper always uses its own, so it is accepted and ignored. */
    public static final String PREFER_SEPARATE_PRODUCER = "prefer.separate.producer";

    /** All of the above. */
    public static final List<String> ALL = List.of(TOPIC, PROGRAM_ID, INTERVAL_SECS, ENTRY_FORMAT, SEND_WHEN_IDLE,
            MAX_BUFFERED_ENTRIES, MAX_LOGS_PER_MESSAGE, MAX_BUFFERED_BYTES, MAX_MESSAGE_BYTES,
            CREATE_TOPIC_PARTITIONS, CREATE_TOPIC_REPLICATION_FACTOR, CLOSE_TIMEOUT_SECS, LOG_LEVEL,
            PREFER_SEPARATE_PRODUCER);

    private ShipperKeys() {
    }
}
