package io.logshipper;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.logshipper.internal.EntryBuffer;
import io.logshipper.spi.DeferredEntry;
import io.logshipper.internal.Flusher;
import io.logshipper.internal.ShipperCounters;
import io.logshipper.internal.ShipperThread;

/**
 * Buffers log entries and, on a fixed interval, produces them to a Kafka topic as one JSON value
 * {@code {"timestamp": <epoch seconds>, "messages": [...]}} keyed {@code <programId>_log}.
 *
 * <pre>{@code
 * LogShipper shipper = LogShipper.builder()
 *     .bootstrapServers("localhost:9092")
 *     .topic("logs")
 *     .programId("my-service")
 *     .interval(Duration.ofSeconds(5))
 *     .build();
 * shipper.log("an entry");
 * shipper.close(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>{@link #log} never waits on Kafka: it hands the entry to a bounded buffer and returns. The Kafka producer
 * is created and used only on the shipper's own thread. A full buffer refuses entries, counts them and says so
 * in the next message. Safe for use by any number of threads.
 */
public final class LogShipper implements AutoCloseable {

    private final LogShipperConfig config;
    private final String programId;
    private final EntryBuffer buffer;
    private final ShipperCounters counters = new ShipperCounters();
    private final Flusher flusher;
    private final Thread thread;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;

    LogShipper(LogShipperConfig config, Clock clock, ProducerFactory producerFactory) {
        this.config = config;
        this.programId = config.programId().orElseGet(() -> Integer.toHexString(System.identityHashCode(this)));
        this.buffer = new EntryBuffer(config.maxBufferedEntries(), config.maxBufferedBytes(),
                config.maxMessageBytes(), clock);
        this.flusher = new Flusher(config, programId, buffer, counters, clock, producerFactory);
        this.thread = new ShipperThread(flusher, "logshipper-" + programId);
    }

    /** A builder; {@code topic} and {@code bootstrapServers} are required. */
    public static LogShipperBuilder builder() {
        return new LogShipperBuilder();
    }

    /** Starts a shipper for validated settings, as an adapter holding a {@link LogShipperConfig} does. */
    public static LogShipper start(LogShipperConfig config) {
        return new LogShipper(Objects.requireNonNull(config, "config"), Clock.systemUTC(), null).start();
    }

    LogShipper start() {
        thread.start();
        return this;
    }

    /**
     * Hands a text entry to the shipper. Returns at once whatever Kafka is doing.
     *
     * @return false when the entry was dropped (buffer full, or the shipper closed); drops are counted
     */
    public boolean log(String text) {
        return offer(Objects.requireNonNull(text, "text"));
    }

    /**
     * Hands a structured entry to the shipper. In {@link EntryFormat#TEXT} it is rendered as one line plus its
     * stack trace; in {@link EntryFormat#JSON} as an object.
     *
     * @return false when the entry was dropped (buffer full, or the shipper closed); drops are counted
     */
    public boolean log(LogEntry entry) {
        return offer(Objects.requireNonNull(entry, "entry"));
    }

    /**
     * Hands an entry to the shipper whose text is rendered later, on the shipper's thread. In
     * {@link EntryFormat#JSON} it is still written as a JSON string.
     *
     * @return false when the entry was dropped (buffer full, or the shipper closed); drops are counted
     */
    public boolean log(DeferredEntry entry) {
        return offer(Objects.requireNonNull(entry, "entry"));
    }

    private boolean offer(Object entry) {
        if (closed) {
            return buffer.drop();
        }
        if (!buffer.offer(entry)) {
            return false;
        }
        counters.accepted();
        if (buffer.wantsFlush()) {
            flusher.wake();
        }
        return true;
    }

    /** Counters since the shipper was built. */
    public ShipperStats stats() {
        return counters.snapshot(buffer.droppedTotal());
    }

    /** The settings this shipper runs with. */
    public LogShipperConfig config() {
        return config;
    }

    /** The program id in use: the configured one, or the hex of this shipper's identity hash. */
    public String programId() {
        return programId;
    }

    /** The key of every message: {@code <programId>_log}. */
    public String key() {
        return WireFormat.key(programId);
    }

    /** Whether {@link #close} has been called. */
    public boolean isClosed() {
        return closing.get();
    }

    /** Closes within the configured close timeout (default 10 s). */
    @Override
    public void close() {
        close(config.closeTimeout());
    }

    /**
     * Sends everything buffered, waits for the broker's acknowledgements, then closes the producer (when no other
     * shipper shares it), all within {@code budget}, even when the broker is down. Idempotent; safe to call from
     * a JVM shutdown hook. Entries logged after this call are dropped.
     *
     * @return how many accepted entries were not delivered
     */
    public long close(Duration budget) {
        long deadline = System.nanoTime() + Math.max(0, budget.toNanos());
        if (closing.compareAndSet(false, true)) {
            closed = true;
            long margin = Math.min(TimeUnit.MILLISECONDS.toNanos(200), Math.max(0, budget.toNanos()) / 5);
            flusher.requestClose(deadline - margin);
            if (Thread.currentThread() != thread) {
                join(deadline - margin);
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            }
        }
        if (Thread.currentThread() != thread) {
            join(deadline);
        }
        return stats().undelivered();
    }

    private void join(long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        try {
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LogShipper[" + key() + " -> " + config.topic() + "]";
    }
}
