package io.logshipper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import javax.management.JMException;
import javax.management.ObjectName;

import io.logshipper.internal.ShipperThreads;
import io.logshipper.internal.Durations;
import io.logshipper.internal.EntryBuffer;
import io.logshipper.config.Settings;
import io.logshipper.internal.FlushSchedule;
import io.logshipper.internal.ListenerClasses;
import io.logshipper.internal.Problems;
import io.logshipper.internal.ShipperCounters;
import io.logshipper.internal.ShipperJmx;
import io.logshipper.internal.ShipperThread;
import io.logshipper.spi.DeferredEntry;
import io.logshipper.spi.ProblemChannel;

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
 * in the next message; with {@code overflow = wait:<time>} the caller first waits at most that long for space. Safe for use by any number of threads.
 *
 * <p>Unless {@linkplain LogShipperBuilder#shutdownHook(boolean) turned off}, a JVM shutdown hook closes the shipper
 * within its close timeout when the program exits without calling {@link #close}; a normal {@code close} removes
 * the hook again.
 */
public final class LogShipper implements AutoCloseable {

    private static final long MIN_OVERFLOW_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long MAX_OVERFLOW_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LogShipperConfig config;
    private final long overflowWaitNanos;
    private final String programId;
    private final EntryBuffer buffer;
    private final ShipperCounters counters;
    private final FlushSchedule schedule;
    private final Thread thread;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread shutdownHook;
    private final ProblemChannel problemChannel;
    private volatile ShipperJmx jmx;
    // wave2-events: the shipper's own event sender, made on first use (see events()).
    private final Clock clock;
    private final ProducerFactory producerFactory;
    private EventSender events;

    LogShipper(LogShipperConfig config, Clock clock, Ticker ticker, ProducerFactory producerFactory,
               List<ShipperListener> listeners, ProblemChannel problemChannel) {
        this.config = config;
        this.problemChannel = problemChannel;
        this.overflowWaitNanos = config.overflowWait().toNanos();
        this.clock = clock;
        this.producerFactory = producerFactory;
        this.programId = config.programId().orElseGet(() -> Integer.toHexString(System.identityHashCode(this)));
        this.buffer = new EntryBuffer(config.maxBufferedEntries(), config.maxBufferedBytes(),
                config.maxMessageBytes());
        this.counters = new ShipperCounters(clock, config.maxBufferedEntries(), config.maxBufferedBytes());
        List<ShipperListener> all = new ArrayList<>(ListenerClasses.create(config.get(Settings.LISTENER)));
        all.addAll(listeners);
        this.schedule = new FlushSchedule(config, programId, buffer, counters, clock, ticker, producerFactory,
                all, problemChannel);
        this.thread = new ShipperThread(schedule, "logshipper-" + programId);
    }

    /** A builder; {@code topic} and {@code bootstrapServers} are required. */
    public static LogShipperBuilder builder() {
        return new LogShipperBuilder();
    }

    /**
     * Starts a shipper for validated settings, as an adapter holding a {@link LogShipperConfig} does. It registers
     * a JVM shutdown hook if {@link LogShipperConfig#shutdownHook()} says so; an adapter whose framework closes its
     * appenders at exit should build the config with {@code shutdownHook(false)}.
     */
    public static LogShipper start(LogShipperConfig config) {
        return start(config, ProblemChannel.standardError(), List.of());
    }

    /**
     * Starts a shipper for validated settings, as a logging framework's adapter does: problems are said on
     * {@code problems} (the framework's own status channel) instead of standard error, and {@code listeners} (the
     * ones configured in the framework's XML) hear what the shipper does, after those the settings name.
     */
    public static LogShipper start(LogShipperConfig config, ProblemChannel problems,
                                   List<? extends ShipperListener> listeners) {
        return new LogShipper(Objects.requireNonNull(config, "config"), Clock.systemUTC(), Ticker.system(), null,
                List.copyOf(listeners), Objects.requireNonNull(problems, "problems"))
                .start();
    }

    LogShipper start() {
        thread.start();
        if (config.get(Settings.JMX)) {
            try {
                jmx = ShipperJmx.register(this);
            } catch (JMException | RuntimeException e) {
                problemChannel.warn(programId, "could not register the JMX MXBean: " + Problems.describe(e));
            }
        }
        if (config.shutdownHook()) {
            Thread hook = new Thread(this::close, "logshipper-close-" + programId);
            try {
                Runtime.getRuntime().addShutdownHook(hook);
                shutdownHook = hook;
            } catch (IllegalStateException e) {
                // Started while the JVM is shutting down: nothing is left to hook into.
            }
        }
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

    /**
     * Reports an event that an adapter could not turn into an entry at all, e.g. because its layout threw. The
     * event is counted as dropped ({@link ShipperStats#droppedUnrenderable()}) and reported in the next message,
     * in the same notice as entries the shipper itself could not render, naming the last cause. Returns at once.
     *
     * @param cause why the event could not be rendered; its type and message (never its stack trace) appear in
     *              the notice. May be null when the adapter has no cause to give.
     * @return false, always, so that an adapter can {@code return shipper.unrenderable(e);} like a refused entry
     */
    public boolean unrenderable(Throwable cause) {
        return counters.droppedUnrenderable(cause == null ? "unknown" : Problems.describe(cause));
    }

    private boolean offer(Object entry) {
        if (closed) {
            return counters.droppedClosed();
        }
        if (!buffer.offer(entry) && !(overflowWaitNanos > 0 && awaitSpace(entry))) {
            return counters.droppedBufferFull();
        }
        counters.accepted();
        if (buffer.wantsFlush()) {
            schedule.wake();
        }
        return true;
    }

    /**
     * The opt-in overflow policy ({@code overflow = wait:50ms}): asks the shipper to send now and retries the offer
     * until the wait is over, pausing 50 µs, then longer, up to 1 ms between tries. Never on the shipper's own
     * thread, which is the one that makes space; an interrupt or a close ends the wait.
     */
    private boolean awaitSpace(Object entry) {
        if (Thread.currentThread() instanceof ShipperThread) {
            return false;
        }
        schedule.wake();
        long deadline = System.nanoTime() + overflowWaitNanos;
        long pause = MIN_OVERFLOW_PAUSE_NANOS;
        for (long left = overflowWaitNanos; left > 0; left = deadline - System.nanoTime()) {
            if (closed || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(this, Math.min(pause, left));
            if (buffer.offer(entry)) {
                return true;
            }
            pause = Math.min(pause * 2, MAX_OVERFLOW_PAUSE_NANOS);
        }
        return false;
    }

    /**
     * The shipper's event sender: application events, each its own record, sent with this shipper's Kafka settings
     * and therefore its producer (see {@link EventSender}). Made on the first call (a thread is started, nothing
     * else); drops of events are said in this shipper's log messages; {@link #close} closes it first, within half
     * the budget. After close, a sender that drops (and counts) everything.
     */
    public synchronized EventSender events() {
        if (events == null) {
            events = new EventSender(config, clock, producerFactory, this::log).start(false);
            if (closing.get()) {
                events.close(Duration.ZERO);
            }
        }
        return events;
    }

    /** Counters since the shipper was built; still valid, and final, after close. */
    public ShipperStats stats() {
        return counters.snapshot();
    }

    /**
     * Levels now: entries and bytes buffered, an upper bound on the oldest undelivered entry's age, delivery
     * latency. Cheap; callable from any thread, also after close.
     */
    public ShipperGauges gauges() {
        return counters.gauges(buffer, closed && !thread.isAlive());
    }

    /** The name of this shipper's MXBean, if the {@code jmx} setting registered one and it is not closed yet. */
    public java.util.Optional<ObjectName> mxBeanName() {
        ShipperJmx j = jmx;
        return java.util.Optional.ofNullable(j == null ? null : j.name());
    }

    /**
     * Whether logs are reaching Kafka: {@link ShipperHealth.State#STARTING} until the first acknowledgement or
     * problem, then {@code CONNECTED}, {@code DEGRADED} or {@code FAILED} by what Kafka said last, and
     * {@code STOPPED} once closed. Cheap; callable from any thread, also after close.
     */
    public ShipperHealth health() {
        return schedule.health().snapshot();
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
     * a JVM shutdown hook. Entries logged after this call are dropped. A budget too large to count in nanoseconds
     * is taken as "as long as it takes".
     *
     * @return how many accepted entries were not delivered
     */
    public long close(Duration budget) {
        long budgetNanos = Durations.saturatedNanos(budget);
        long deadline = System.nanoTime() + budgetNanos;
        if (closing.compareAndSet(false, true)) {
            EventSender sender;
            synchronized (this) {
                sender = events;
            }
            if (sender != null) {
                // First, so that what it says about undelivered events still goes out in this shipper's messages.
                sender.close(Duration.ofNanos(budgetNanos / 2));
            }
            closed = true;
            ShipperThreads.removeShutdownHook(shutdownHook);
            long margin = Math.min(TimeUnit.MILLISECONDS.toNanos(200), budgetNanos / 5);
            schedule.requestClose(deadline - margin);
            if (Thread.currentThread() != thread) {
                ShipperThreads.joinUntil(thread, deadline - margin);
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            }
        }
        if (Thread.currentThread() != thread) {
            ShipperThreads.joinUntil(thread, deadline);
        }
        // The thread says so itself when it ends; one stuck in the producer past the budget does not.
        schedule.health().stopped();
        ShipperJmx j = jmx;
        if (j != null) {
            j.unregister();
        }
        return stats().undelivered();
    }

    @Override
    public String toString() {
        return "LogShipper[" + key() + " -> " + config.topic() + "]";
    }
}
