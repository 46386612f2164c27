package io.logshipper.spi;


import io.logshipper.internal.OwnClientIds;
import io.logshipper.internal.ShipperThread;

/**
 * Tells an adapter which events it must refuse before filtering or queueing anything, so that shipping logs can
 * never log into itself. Refused are the events raised by logshipper's own clients, whatever the logger:
 *
 * <ul>
 *   <li>on a shipper's thread ({@code logshipper-<programId>}), where the producer and the admin client are
 *       created, called and closed;</li>
 *   <li>on the I/O thread of a shipper's producer ({@code kafka-producer-network-thread | logshipper-N}, or the
 *       user's {@code client.id} for it, see {@link OwnClientIds});</li>
 *   <li>on the I/O thread of the admin client that creates the topic
 *       ({@code kafka-admin-client-thread | logshipper-admin}).</li>
 * </ul>
 *
 * <p>For appends on another thread than the one that logged (Log4j2's async loggers, Logback's AsyncAppender) the
 * thread name recorded in the event is judged the same way. Kafka client, Streams and Connect events raised on the
 * application's own threads and by its own clients are shipped: they are often the application's most important
 * logs. No per-thread re-entry flag is needed: logshipper makes no Kafka call on a thread that is not its own
 * (settings are checked with {@code ConfigDef}, which does not log; the producer is created, used and closed on
 * the shipper's thread, even by {@code close()} called from the application).
 *
 * <p>Why this is safe: an application event shipped makes logshipper's producer send, and the broker's reaction
 * can only come back through the application's own clients' logs (a rebalance, a warning), never through
 * logshipper's, which are refused. Logshipper sends at most one message per interval (more only when a full
 * message is buffered), so any such echo is bounded by one message's worth of reaction per interval.
 *
 * <p>Login refresh threads ({@code kafka-expiring-relogin-thread-*} for OAuth, {@code kafka-kerberos-refresh-thread-*}
 * for Kerberos) are shared by every client of the JVM with equal JAAS settings, so they cannot be told apart: they
 * are shipped. Their echo is bounded by the refresh period (one refresh per token or ticket lifetime), and a failing
 * refresh is exactly what the application's operators need to see.
 *
 * <p>With {@code refuseKafkaLoggers} every event of an {@code org.apache.kafka} logger is refused as well, from any
 * thread: the peer appenders' behaviour. Refused events still reach the application's other appenders.
 */
public final class SelfLogging {

    private static final String KAFKA_PREFIX = "org.apache.kafka";
    /** Shipper threads are named "logshipper-<programId>", the close hook "logshipper-close-<programId>". */
    private static final String SHIPPER_THREAD_PREFIX = "logshipper-";
    /** Every Kafka client thread logshipper recognises starts with this; a cheap first test. */
    private static final String KAFKA_THREAD_PREFIX = "kafka-";
    /** The producer names its I/O thread after its client.id. */
    private static final String PRODUCER_IO_THREAD_PREFIX = "kafka-producer-network-thread | ";
    /** The admin client of TopicCreator, whose client.id is fixed. */
    private static final String ADMIN_IO_THREAD = "kafka-admin-client-thread | logshipper-admin";

    private SelfLogging() {
    }

    /**
     * Whether an event with this logger name, raised on the current thread, must not be shipped.
     *
     * @param refuseKafkaLoggers the adapter's {@code refuseKafkaLoggers} setting, read once at start
     */
    public static boolean mustNotShip(String loggerName, boolean refuseKafkaLoggers) {
        return refuseKafkaLoggers && isKafkaClientLogger(loggerName) || isInternalThread();
    }

    /**
     * Whether an event with this logger name, raised on the thread of this name, must not be shipped. The current
     * thread is judged too: an adapter that appends on another thread than the one that logged passes the event's
     * recorded thread name, which still tells who raised it.
     *
     * @param refuseKafkaLoggers the adapter's {@code refuseKafkaLoggers} setting, read once at start
     */
    public static boolean mustNotShip(String loggerName, String threadName, boolean refuseKafkaLoggers) {
        return refuseKafkaLoggers && isKafkaClientLogger(loggerName) || isInternalThread()
                || isInternalThreadName(threadName);
    }

    /**
     * Whether a thread of this name belongs to logshipper: a shipper's thread ({@code logshipper-*}), its
     * producer's or its admin client's I/O thread.
     */
    public static boolean isInternalThreadName(String threadName) {
        return threadName != null
                && (threadName.startsWith(SHIPPER_THREAD_PREFIX)
                        || threadName.startsWith(KAFKA_THREAD_PREFIX) && isOwnKafkaThreadName(threadName));
    }

    /** Whether the logger belongs to Kafka ({@code org.apache.kafka} and below): clients, Streams, Connect. */
    public static boolean isKafkaClientLogger(String loggerName) {
        return loggerName != null && loggerName.startsWith(KAFKA_PREFIX)
                && (loggerName.length() == KAFKA_PREFIX.length() || loggerName.charAt(KAFKA_PREFIX.length()) == '.');
    }

    /**
     * Whether the current thread is a shipper's own thread or the I/O thread of a shipper's producer or admin
     * client. The application's own Kafka clients' threads are not included.
     */
    public static boolean isInternalThread() {
        Thread t = Thread.currentThread();
        return t instanceof ShipperThread || KAFKA_THREAD.get(t.getClass()) && isOwnKafkaThreadName(t.getName());
    }

    /**
     * Whether a thread class is Kafka's {@code KafkaThread}, known by name: kafka-clients 4.4 moved it from
     * {@code org.apache.kafka.common.utils} to {@code ...utils.internals}, so a reference to either class would
     * fail on the other versions.
     */
    private static final ClassValue<Boolean> KAFKA_THREAD = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Thread.class; c = c.getSuperclass()) {
                if (c.getName().equals("org.apache.kafka.common.utils.KafkaThread")
                        || c.getName().equals("org.apache.kafka.common.utils.internals.KafkaThread")) {
                    return true;
                }
            }
            return false;
        }
    };

    private static boolean isOwnKafkaThreadName(String name) {
        if (name.startsWith(PRODUCER_IO_THREAD_PREFIX)) {
            return OwnClientIds.isOwn(name, PRODUCER_IO_THREAD_PREFIX.length());
        }
        return name.equals(ADMIN_IO_THREAD);
    }
}
