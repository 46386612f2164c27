package io.logshipper.spi;

import org.apache.kafka.common.utils.KafkaThread;

import io.logshipper.internal.ShipperThread;

/**
 * Tells an adapter which events it must refuse before queueing anything, so that shipping logs can never log
 * into itself: events from the Kafka client's own loggers, and events raised on the shipper's threads or the
 * Kafka producer's I/O threads. Those events should still reach the application's other appenders.
 */
public final class SelfLogging {

    private static final String KAFKA_PREFIX = "org.apache.kafka";
    /** The producer names its I/O thread after its client.id, which the shipper sets to "logshipper-N". */
    /** Shipper threads are named "logshipper-<programId>". */
    private static final String SHIPPER_THREAD_PREFIX = "logshipper-";
    private static final String SHIPPER_IO_THREAD_PREFIX = "kafka-producer-network-thread | logshipper-";

    private SelfLogging() {
    }

    /** Whether an event with this logger name, on the current thread, must not be shipped. */
    public static boolean mustNotShip(String loggerName) {
        return isKafkaClientLogger(loggerName) || isInternalThread();
    }

    /**
     * Whether an event with this logger name, raised on the thread of this name, must not be shipped. For
     * adapters that append on another thread than the one that logged (Log4j2's async loggers, Logback's
     * AsyncAppender): the event's thread name still tells who raised it.
     */
    public static boolean mustNotShip(String loggerName, String threadName) {
        return isKafkaClientLogger(loggerName) || isInternalThread() || isInternalThreadName(threadName);
    }

    /** Whether a thread of this name is a shipper's thread ({@code logshipper-*}) or its producer's I/O thread. */
    public static boolean isInternalThreadName(String threadName) {
        return threadName != null
                && (threadName.startsWith(SHIPPER_THREAD_PREFIX) || threadName.startsWith(SHIPPER_IO_THREAD_PREFIX));
    }

    /** Whether the logger belongs to the Kafka client ({@code org.apache.kafka} and below). */
    public static boolean isKafkaClientLogger(String loggerName) {
        return loggerName != null && loggerName.startsWith(KAFKA_PREFIX)
                && (loggerName.length() == KAFKA_PREFIX.length() || loggerName.charAt(KAFKA_PREFIX.length()) == '.');
    }

    /**
     * Whether the current thread is a shipper's own thread or the I/O thread of a shipper's producer. The
     * application's own Kafka clients' threads are not included: an application may log from its callbacks.
     */
    public static boolean isInternalThread() {
        Thread t = Thread.currentThread();
        return t instanceof ShipperThread
                || t instanceof KafkaThread && t.getName().startsWith(SHIPPER_IO_THREAD_PREFIX);
    }
}
