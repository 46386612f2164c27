package io.logshipper.config;

import static io.logshipper.config.FrontDoor.BUILDER;
import static io.logshipper.config.FrontDoor.INI;
import static io.logshipper.config.FrontDoor.LOG4J2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.logshipper.EntryFormat;
import io.logshipper.LogLevel;
import io.logshipper.ShipperListener;

/**
 * The schema: every one of logshipper's own settings, defined once. The builder, the INI file, both appenders, the
 * flags and the documentation's table ({@link #markdownTable()}, checked against docs/configuration.md by a test)
 * are all derived from these definitions. Kafka producer settings are not listed: they pass through as text and
 * are checked against the producer's own definitions.
 */
public final class Settings {

    /** The longest interval: a day. Longer ones are almost certainly a unit mistake. */
    private static final Duration MAX_INTERVAL = Duration.ofDays(1);
    /** The shortest interval: a millisecond. */
    private static final Duration MIN_INTERVAL = Duration.ofMillis(1);
    /** The longest close budget: an hour; a shutdown that waits longer is a hang. */
    private static final Duration MAX_CLOSE_TIMEOUT = Duration.ofHours(1);
    private static final long GIB = 1024L * 1024 * 1024;

    /** The host-application flag for {@link #TOPIC}; a compile-time constant for picocli's annotations. */
    public static final String TOPIC_FLAG = "--log_topic_name";
    /** The host-application flag for {@link #PROGRAM_ID}. */
    public static final String PROGRAM_ID_FLAG = "--log_program_id";
    /** The host-application flag for {@link #INTERVAL_SECS}. */
    public static final String INTERVAL_FLAG = "--log_interval_secs";

    /** Kafka's {@code bootstrap.servers}, stored with the producer's settings. */
    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.define("bootstrapServers", Kinds.text())
            .defaultText("required").kafka()
            .doc("Kafka brokers, `host1:9092,host2:9092` (the Kafka setting `bootstrap.servers`)");
    /** The topic messages go to. */
    public static final Setting<String> TOPIC = Setting.define("topic", Kinds.topic())
            .defaultText("required").flag(TOPIC_FLAG)
            .doc("Kafka topic the messages go to; with the flag, or in an INI file's `[log]` section, turns"
                    + " shipping on");
    /** The program id; messages are keyed {@code <programId>_log}. */
    public static final Setting<String> PROGRAM_ID = Setting.define("programId", Kinds.text())
            .defaultText("hex of the shipper's identity hash").flag(PROGRAM_ID_FLAG)
            .doc("identifies the program; messages are keyed `<programId>_log`");
    /** Time between two messages. */
    public static final Setting<Duration> INTERVAL_SECS = Setting
            .define("intervalSecs", Kinds.seconds(MIN_INTERVAL, MAX_INTERVAL))
            .byDefault(Duration.ofSeconds(60)).flag(INTERVAL_FLAG)
            .doc("time between two messages");
    /** How entries are written. */
    public static final Setting<EntryFormat> ENTRY_FORMAT = Setting.define("entryFormat", Kinds.oneOf(EntryFormat.class))
            .byDefault(EntryFormat.TEXT)
            .doc("`text`: each entry is a string; `json`: an object (see [wire-format.md](wire-format.md))");
    /** Whether an interval with nothing logged still sends a message. */
    public static final Setting<Boolean> SEND_WHEN_IDLE = Setting.define("sendWhenIdle", Kinds.bool())
            .byDefault(true)
            .doc("send a message at every interval even with nothing logged (a liveness signal)");
    /** Cap on entries waiting to be sent. */
    public static final Setting<Integer> MAX_BUFFERED_ENTRIES = Setting
            .define("maxBufferedEntries", Kinds.wholeNumber(1, Integer.MAX_VALUE))
            .byDefault(262_144).iniAlias("max.logs.per.message")
            .doc("cap on entries waiting to be sent; beyond it entries are dropped, counted and reported");
    /** Cap on the heap entries waiting to be sent take. */
    public static final Setting<Long> MAX_BUFFERED_BYTES = Setting
            .define("maxBufferedBytes", Kinds.byteSize(1, 64 * GIB))
            .byDefault(defaultBufferedBytes(), "32 MiB, or 1/8 of the maximum heap when that is less")
            .doc("cap on the heap entries waiting to be sent take (see [Memory](#memory))");
    /** What a full buffer does to the caller: drop at once (the default), or wait a bounded time for space. */
    public static final Setting<Duration> OVERFLOW = Setting
            .define("overflow", Kinds.overflow(Duration.ofMillis(1), Duration.ofSeconds(5)))
            .byDefault(Duration.ZERO, "drop")
            .doc("what a full buffer does to the logging thread: `drop` the entry at once (counted and reported), or"
                    + " `wait:50ms`: wait at most that long for space, then drop and count it (see [Memory](#memory))");
    /** Largest message value. */
    public static final Setting<Long> MAX_MESSAGE_BYTES = Setting
            .define("maxMessageBytes", Kinds.byteSize(1024, Integer.MAX_VALUE))
            .byDefault(1_000_000L)
            .doc("largest message value; must stay 512 bytes below the Kafka setting `max.request.size`; "
                    + "larger batches become several messages, a larger entry is cut with a visible marker");
    /** Partitions of a topic the shipper creates; 0 leaves creation to the broker. */
    public static final Setting<Integer> CREATE_TOPIC_PARTITIONS = Setting
            .define("createTopicPartitions", Kinds.wholeNumber(0, Integer.MAX_VALUE))
            .byDefault(0, "0 (off)")
            .doc("when above 0, create the topic with this many partitions through the Admin API before the first"
                    + " message (an existing topic is left as it is)");
    /** Replication factor of a topic the shipper creates. */
    public static final Setting<Integer> CREATE_TOPIC_REPLICATION_FACTOR = Setting
            .define("createTopicReplicationFactor", Kinds.wholeNumber(1, Short.MAX_VALUE))
            .byDefault(1)
            .doc("replication factor of the topic the shipper creates");
    /** Budget for delivering what is buffered when closing. */
    public static final Setting<Duration> CLOSE_TIMEOUT_SECS = Setting
            .define("closeTimeoutSecs", Kinds.seconds(Duration.ZERO, MAX_CLOSE_TIMEOUT))
            .byDefault(Duration.ofSeconds(10))
            .doc("time closing may take to deliver what is buffered, even with the broker down");
    /** The lowest level shipped. */
    public static final Setting<LogLevel> LOG_LEVEL = Setting.define("logLevel", Kinds.logLevel())
            .byDefault(LogLevel.ALL)
            .doc("lowest level shipped; events below it still reach the other appenders");
    /** Whether every {@code org.apache.kafka} logger's event is refused, not only those of logshipper's own clients. */
    public static final Setting<Boolean> REFUSE_KAFKA_LOGGERS = Setting.define("refuseKafkaLoggers", Kinds.bool())
            .byDefault(false)
            .doc("refuse every event of an `org.apache.kafka` logger, from any thread, as the peer appenders do; by"
                    + " default only what logshipper's own Kafka clients log is refused (see [the recursion"
                    + " guard](#the-recursion-guard))");
    /** Whether the core registers a JVM shutdown hook that closes the shipper. */
    public static final Setting<Boolean> SHUTDOWN_HOOK = Setting.define("shutdownHook", Kinds.bool())
            .byDefault(true).only(BUILDER, INI)
            .doc("close the shipper (within `closeTimeoutSecs`) when the JVM exits without `close()`; the"
                    + " appenders follow their framework's own shutdown instead");
    /** OpenMSIStream's switch for a separate producer: accepted and ignored. */
    public static final Setting<Boolean> PREFER_SEPARATE_PRODUCER = Setting
            .define("preferSeparateProducer", Kinds.bool()).defaultText("ignored").only(INI)
            .doc("OpenMSIStream's switch; accepted and ignored (logshipper always uses its own producer)");

    // ---- Observability (issue 13): listeners named in the settings, JMX. ----
    /** Listener classes created for each shipper; Logback's XML has {@code <listener class="..."/>} instead. */
    public static final Setting<List<String>> LISTENER = Setting
            .define("listener", Kinds.classNames(ShipperListener.class)).defaultText("none")
            .only(BUILDER, INI, LOG4J2)
            .doc("`ShipperListener` classes, created through their public no-argument constructor when the shipper"
                    + " starts (Logback: `<listener class=\"…\"/>` elements; see"
                    + " [observability.md](observability.md#listeners-shipperlistener))");
    /** Whether the shipper registers an MXBean. */
    public static final Setting<Boolean> JMX = Setting.define("jmx", Kinds.bool())
            .byDefault(false)
            .doc("register an MXBean `io.logshipper:type=LogShipper,name=<programId>` with the counters and the"
                    + " health (see [observability.md](observability.md#jmx))");
    // ---- end of observability ----
    // --- wave2-events: record headers (issue 16) ---
    /** Kafka record headers on every log message, besides the defaults {@code host} and {@code content-type}. */
    public static final Setting<Map<String, String>> HEADERS = Setting.define("headers", Kinds.headers())
            .byDefault(Map.of(), "`host`, `content-type`")
            .doc("Kafka record headers on every message, `name=value,name2=value2`, added to the default headers"
                    + " `host` and `content-type`; `name=` leaves one out (see [Headers](#headers))");
    // --- end wave2-events ---
    // Durable disk spool (issue 14); see docs/spool.md.
    /** The smallest spool segment. */
    public static final long MIN_SPOOL_SEGMENT_BYTES = 16 * 1024;
    /** Where the spool lives; unset, there is none. */
    public static final Setting<String> SPOOL_DIR = Setting.define("spoolDir", Kinds.text())
            .defaultText("unset (no spool)")
            .doc("turns the disk spool on: every message is written under `<spoolDir>/<programId>/` before it is"
                    + " sent and kept until Kafka acknowledged it, so a broker outage or a crash loses nothing"
                    + " already assembled (see [spool.md](spool.md)); needs `programId`");
    /** Cap on the spool's bytes on disk. */
    public static final Setting<Long> SPOOL_MAX_BYTES = Setting
            .define("spoolMaxBytes", Kinds.byteSize(2 * MIN_SPOOL_SEGMENT_BYTES, 1024 * GIB))
            .byDefault(64L * 1024 * 1024, "64 MiB")
            .doc("cap on the spool's bytes on disk, at least twice `spoolSegmentBytes`; when full, new messages are"
                    + " refused, counted and reported like a full buffer");
    /** Size of one spool segment file. */
    public static final Setting<Long> SPOOL_SEGMENT_BYTES = Setting
            .define("spoolSegmentBytes", Kinds.byteSize(MIN_SPOOL_SEGMENT_BYTES, GIB))
            .byDefault(4L * 1024 * 1024, "4 MiB")
            .doc("size of one spool segment file; must exceed `maxMessageBytes` by 48 bytes; a segment is deleted"
                    + " once all its messages are acknowledged");
    /** When spool writes are synced to disk. */
    public static final Setting<Long> SPOOL_FSYNC_INTERVAL_MS = Setting
            .define("spoolFsyncIntervalMs", Kinds.wholeNumber(-1L, 3_600_000L))
            .byDefault(0L, "0 (every message)")
            .doc("`0`: each message is synced to disk before it is sent; `N`: synced at most N ms after it was"
                    + " written; `-1`: never synced by logshipper (unsafe: a power loss can lose spooled messages)");
    /**
     * The default cap on buffered bytes: 32 MiB holds a burst of 100,000 short Logback events (227 bytes each,
     * measured) with nothing sent yet; on a heap smaller than 256 MiB it is an eighth of the heap instead.
     */
    private static long defaultBufferedBytes() {
        long eighth = Runtime.getRuntime().maxMemory() / 8;
        return Math.max(1024 * 1024, Math.min(32L * 1024 * 1024, eighth));
    }

    /** Every setting, in the documentation's order. */
    public static final List<Setting<?>> ALL = all();

    private static final Map<String, Setting<?>> BY_INI_KEY = byIniKey();

    private Settings() {
    }

    /** The setting an INI key (or its alias) names, in any case. */
    public static Optional<Setting<?>> byIniKey(String key) {
        return Optional.ofNullable(BY_INI_KEY.get(key.strip().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Whether an INI key is one of logshipper's own (taken out of {@code [log]} before the rest goes to Kafka). */
    public static boolean isShipperKey(String key) {
        Optional<Setting<?>> s = byIniKey(key);
        return s.isPresent() && !s.get().isKafkaSetting();
    }

    /** The settings {@code door} takes. */
    public static List<Setting<?>> takenBy(FrontDoor door) {
        List<Setting<?>> out = new ArrayList<>();
        for (Setting<?> s : ALL) {
            if (s.isIn(door)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The table of every setting in every front door, as docs/configuration.md shows it. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| builder / Logback element / Log4j2 attribute | INI key in `[log]` | flag | value | default | meaning |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Setting<?> s : ALL) {
            String name = s.isIn(FrontDoor.LOGBACK) ? "`" + s.name() + "`"
                    : s.isIn(LOG4J2) ? "`" + s.name() + "` (builder and Log4j2 only)"
                    : s.isIn(BUILDER) ? "`" + s.name() + "` (builder only)" : "—";
            String ini = "`" + s.iniKey() + "`" + s.iniAlias().map(a -> " (alias `" + a + "`)").orElse("");
            sb.append("| ").append(name)
                    .append(" | ").append(ini)
                    .append(" | ").append(s.flag().map(f -> "`" + f + "`").orElse(""))
                    .append(" | ").append(s.kind().rule())
                    .append(" | ").append(s.defaultText())
                    .append(" | ").append(s.doc())
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static List<Setting<?>> all() {
        return List.of(BOOTSTRAP_SERVERS, TOPIC, PROGRAM_ID, INTERVAL_SECS, ENTRY_FORMAT, SEND_WHEN_IDLE,
                MAX_BUFFERED_ENTRIES, MAX_BUFFERED_BYTES, OVERFLOW, MAX_MESSAGE_BYTES, CREATE_TOPIC_PARTITIONS,
                CREATE_TOPIC_REPLICATION_FACTOR, CLOSE_TIMEOUT_SECS, LOG_LEVEL, REFUSE_KAFKA_LOGGERS, SHUTDOWN_HOOK,
                PREFER_SEPARATE_PRODUCER, HEADERS,
                SPOOL_DIR, SPOOL_MAX_BYTES, SPOOL_SEGMENT_BYTES, SPOOL_FSYNC_INTERVAL_MS,
                LISTENER, JMX);
    }

    private static Map<String, Setting<?>> byIniKey() {
        Map<String, Setting<?>> out = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            out.put(s.iniKey(), s);
            s.iniAlias().ifPresent(a -> out.put(a, s));
        }
        return Collections.unmodifiableMap(out);
    }
}
