package io.logshipper.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;

import io.logshipper.EventDelivery;
import io.logshipper.EventNotDeliveredException;
import io.logshipper.LogShipperConfig;
import io.logshipper.ProducerFactory;

/**
 * An event sender's thread: takes events off the {@link EventQueue} in order, one record each, and hands them to the
 * producer it leases from the {@link ProducerPool} (the same producer as a shipper's with equal Kafka settings). An
 * event the producer did not take (no metadata in time, its buffer full) stays first in line and is tried again after
 * a back-off of a second; anything else Kafka says is the event's outcome. Outcomes reach callbacks on a thread of
 * their own, never on the producer's I/O thread. Drops are said in-band through {@code notices} at most once a
 * second. Closing sends what it can by the deadline and gives back the producer.
 */
public final class EventPump implements Runnable {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How often drops are said: in a shipper's log every second, on standard error every minute. */
    private static final long NOTICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STDERR_NOTICE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long IN_FLIGHT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_BACK_OFF_SECONDS = 30;

    private final LogShipperConfig config;
    private final ProducerFactory producerFactory;
    private final EventQueue queue;
    private final EventCounters counters;
    private final ProblemReporter problems;
    private final HealthTracker health;
    private final Consumer<String> notices;
    /** Whether notices go to a shipper's log (each its own entry) rather than to standard error (joined). */
    private final boolean inBand;
    private final ThreadPoolExecutor callbacks;
    private final AtomicLong inFlight = new AtomicLong();

    private volatile Thread thread;
    private volatile boolean idle;
    private volatile boolean closeRequested;
    private volatile long closeDeadline;

    private ProducerPool.Lease lease;
    /** Topics whose events wait for the producer to take them, in the order they first waited. Own thread only. */
    private final Map<String, Parked> parked = new LinkedHashMap<>();
    private long retryAt = System.nanoTime();
    private long nextNotice = System.nanoTime();

    /**
     * @param id      names the callback thread and the problems on standard error
     * @param notices where drop notices go: a shipper's log, or null for standard error (once a minute)
     */
    public EventPump(String id, LogShipperConfig config, ProducerFactory producerFactory, EventQueue queue,
                     EventCounters counters, Clock clock, Consumer<String> notices) {
        this.config = config;
        this.producerFactory = producerFactory;
        this.queue = queue;
        this.counters = counters;
        this.problems = new ProblemReporter("events " + id);
        this.health = new HealthTracker(clock, new Listeners(id, List.of(), new ShipperCounters(clock, 1, 1),
                problems, () -> { }));
        this.inBand = notices != null;
        String prefix = "logshipper [events " + id + "]: ";
        this.notices = notices != null ? notices : line -> System.err.println(prefix
                + (line.startsWith("logshipper: ") ? line.substring("logshipper: ".length()) : line));
        AtomicInteger n = new AtomicInteger();
        // Not a logshipper- thread: what a callback logs is the application's and is shipped like any event.
        this.callbacks = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "eventsender-" + id + "-callbacks" + (n.getAndIncrement() == 0 ? "" : "-" + n));
            t.setDaemon(true);
            return t;
        });
    }

    /** The sender's health, moved by what Kafka says. */
    public HealthTracker health() {
        return health;
    }

    /** Wakes the thread if it waits for events. Cheap enough for the sending thread. */
    public void wake() {
        if (idle) {
            idle = false;
            LockSupport.unpark(thread);
        }
    }

    /** Asks the thread to send what it can and let go of the producer by {@code deadlineNanos}. */
    public void requestClose(long deadlineNanos) {
        closeDeadline = deadlineNanos;
        closeRequested = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        callbacks.prestartCoreThread();
        try {
            loop();
        } catch (RuntimeException | Error e) {
            if (!closeRequested || !Problems.isInterruption(e)) {
                // Not rate-limited: said once, and what it means (nothing more is sent) must not be missed.
                System.err.println("logshipper [events]: the event sender's thread stopped: " + Problems.describe(e));
            }
            if (e instanceof Error err) {
                throw err;
            }
        } finally {
            Thread.interrupted();
            awaitInFlight();
            // Said before the producer's close, which may take what is left of the budget.
            abandonQueued();
            notices();
            release();
            health.stopped();
            callbacks.shutdown();
            awaitCallbacks();
        }
    }

    private void loop() {
        while (true) {
            if (!closeRequested && Thread.interrupted()) {
                // Only close() interrupts this thread, after asking to close; anything else would make parking spin.
                continue;
            }
            long now = System.nanoTime();
            if (now - nextNotice >= 0) {
                notices();
            }
            boolean nothing = queue.isEmpty() && parked.isEmpty();
            if (closeRequested && (nothing || now - closeDeadline >= 0 || Thread.currentThread().isInterrupted())) {
                return;
            }
            if (nothing) {
                idleUntil(now + IDLE_PARK_NANOS, true);
                continue;
            }
            if (lease == null) {
                if (now - retryAt < 0) {
                    idleUntil(retryAt, false);
                    continue;
                }
                if (!acquire()) {
                    retryAt = System.nanoTime() + RETRY_NANOS;
                    continue;
                }
            }
            boolean worked = retryParked(now);
            QueuedEvent event = queue.peek();
            if (event != null) {
                worked = true;
                queue.poll();
                Parked waiting = parked.get(event.topic());
                if (waiting != null) {
                    // Behind the events of its topic that wait, so that its topic's order holds.
                    queue.hold(event.size());
                    waiting.events.add(event);
                } else if (!send(event)) {
                    queue.hold(event.size());
                    parked.put(event.topic(), new Parked(event, System.nanoTime()));
                }
            }
            if (!worked) {
                long next = now + IDLE_PARK_NANOS;
                for (Parked p : parked.values()) {
                    next = p.retryAt - next < 0 ? p.retryAt : next;
                }
                idleUntil(next, true);
            }
        }
    }

    /**
     * Parks until {@code deadline}, at most the idle time and not past the close deadline; with {@code untilEvents},
     * only while no event is queued, and a new one wakes it.
     */
    private void idleUntil(long deadline, boolean untilEvents) {
        long now = System.nanoTime();
        long until = closeRequested && closeDeadline - deadline < 0 ? closeDeadline : deadline;
        long wait = Math.min(IDLE_PARK_NANOS, until - now);
        if (wait <= 0) {
            return;
        }
        idle = untilEvents;
        if (!untilEvents || queue.peek() == null) {
            LockSupport.parkNanos(this, wait);
        }
        idle = false;
    }

    /**
     * Tries again the topics whose events the producer did not take, where their back-off has passed: in order, until
     * one is not taken again.
     *
     * @return whether any was tried
     */
    private boolean retryParked(long now) {
        boolean tried = false;
        for (Iterator<Parked> it = parked.values().iterator(); it.hasNext(); ) {
            Parked p = it.next();
            if (now - p.retryAt < 0) {
                continue;
            }
            if (closeRequested && System.nanoTime() - closeDeadline >= 0 || Thread.currentThread().isInterrupted()) {
                return tried;
            }
            tried = true;
            QueuedEvent e;
            while ((e = p.events.peek()) != null) {
                if (!send(e)) {
                    p.backOff(System.nanoTime());
                    break;
                }
                p.events.poll();
                queue.unhold(e.size());
            }
            if (p.events.isEmpty()) {
                it.remove();
            }
        }
        return tried;
    }

    /**
     * The events of one topic the producer did not take (no metadata for the topic in time, its buffer full), in
     * order, kept apart so that events of other topics go on; tried again after a back-off doubling from a second to
     * {@value #MAX_BACK_OFF_SECONDS} s, since each try may hold the sender's thread for {@code max.block.ms}.
     */
    private static final class Parked {
        final ArrayDeque<QueuedEvent> events = new ArrayDeque<>();
        long backOff = RETRY_NANOS;
        long retryAt;

        Parked(QueuedEvent first, long now) {
            events.add(first);
            retryAt = now + backOff;
        }

        void backOff(long now) {
            backOff = Math.min(backOff * 2, TimeUnit.SECONDS.toNanos(MAX_BACK_OFF_SECONDS));
            retryAt = now + backOff;
        }
    }

    private boolean acquire() {
        try {
            lease = ProducerPool.SHARED.acquire(config.effectiveProducerConfig(), producerFactory);
            return true;
        } catch (RuntimeException e) {
            health.trouble(e);
            problems.report("could not create the Kafka producer: " + Problems.describe(e));
            return false;
        }
    }

    /**
     * Hands an event to the producer; the caller takes it off its queue when this returns true.
     *
     * @return false when the producer did not take it (no metadata in time, its buffer full): to be tried again
     */
    private boolean send(QueuedEvent event) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(event.topic(), null, null, event.key(),
                event.value(), event.headers());
        Attempt attempt = new Attempt(event);
        try {
            lease.producer().send(record, attempt);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            // KafkaException, IllegalStateException, or whatever a custom producer throws: this event's outcome.
            if (Problems.isInterruption(e)) {
                Thread.currentThread().interrupt();
                return false;
            }
            inFlight.incrementAndGet();
            completed(event, null, e);
            return true;
        }
        return attempt.handedOff();
    }

    private void completed(QueuedEvent event, RecordMetadata metadata, Exception exception) {
        EventDelivery delivery = null;
        if (exception == null) {
            event.tally().delivered();
            health.acknowledged();
            delivery = metadata == null ? new EventDelivery(event.topic(), -1, -1, -1)
                    : new EventDelivery(metadata.topic(), metadata.partition(), metadata.offset(), metadata.timestamp());
        } else {
            event.tally().failed();
            health.trouble(exception);
            problems.report("Kafka could not deliver an event to " + event.topic() + ": "
                    + Problems.describe(exception));
        }
        notify(event, delivery, exception);
        inFlight.decrementAndGet();
    }

    private void notify(QueuedEvent event, EventDelivery delivery, Exception failure) {
        if (event.callback() == null) {
            queue.finished();
            return;
        }
        try {
            callbacks.execute(() -> {
                try {
                    event.callback().onCompletion(delivery, failure);
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    counters.callbackFailed();
                    problems.report("an event callback (" + event.callback().getClass().getName() + ") threw: "
                            + Problems.describe(e));
                } finally {
                    queue.finished();
                }
            });
        } catch (RejectedExecutionException e) {
            // Only after close gave up waiting: the outcome is counted, nobody is left to hear it.
            queue.finished();
        }
    }

    private void notices() {
        nextNotice = System.nanoTime() + (inBand ? NOTICE_NANOS : STDERR_NOTICE_NANOS);
        if (counters.hasNotices()) {
            StringBuilder all = new StringBuilder();
            counters.takeNotices(line -> {
                if (inBand) {
                    notices.accept(line);
                } else {
                    all.append(all.length() == 0 ? "" : "; ").append(line);
                }
            });
            if (all.length() > 0) {
                notices.accept(all.toString());
            }
        }
    }

    private void awaitInFlight() {
        long deadline = closeRequested ? closeDeadline : System.nanoTime();
        while (inFlight.get() > 0 && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(this, Math.min(IN_FLIGHT_POLL_NANOS, deadline - System.nanoTime()));
        }
    }

    private long remainingNanos() {
        return closeRequested ? Math.max(0, closeDeadline - System.nanoTime()) : 0;
    }

    private void release() {
        if (lease != null) {
            ProducerPool.Lease held = lease;
            lease = null;
            try {
                held.release(Duration.ofNanos(remainingNanos()));
            } catch (RuntimeException e) {
                problems.report(Problems.isInterruption(e)
                        ? "the close deadline passed while the Kafka producer was still closing; it was stopped"
                        : "could not close the Kafka producer: " + Problems.describe(e));
            }
        }
    }

    /** Events never handed to the producer stay undelivered; their callbacks hear so. */
    private void abandonQueued() {
        QueuedEvent e;
        long n = 0;
        for (Parked p : parked.values()) {
            while ((e = p.events.poll()) != null) {
                n++;
                queue.unhold(e.size());
                notify(e, null, new EventNotDeliveredException("not sent: the sender closed before Kafka took it"));
            }
        }
        parked.clear();
        while ((e = queue.poll()) != null) {
            n++;
            notify(e, null, new EventNotDeliveredException("not sent: the sender closed before Kafka took it"));
        }
        if (n > 0) {
            notices.accept("logshipper: " + n + " events were not sent before the event sender closed");
        }
    }

    private void awaitCallbacks() {
        try {
            callbacks.awaitTermination(remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One record handed to the producer. The producer reports some failures (no metadata in time, its buffer full)
     * through the callback before {@code send} returns: those leave the event first in line to be tried again.
     */
    private final class Attempt implements Callback {
        private static final int SENDING = 0;
        private static final int HANDED_OFF = 1;
        private static final int COMPLETED_EARLY = 2;

        private final QueuedEvent event;
        private final AtomicInteger state = new AtomicInteger(SENDING);
        private volatile Exception earlyException;
        private volatile RecordMetadata earlyMetadata;

        Attempt(QueuedEvent event) {
            this.event = event;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (state.compareAndSet(SENDING, COMPLETED_EARLY)) {
                earlyException = exception;
                earlyMetadata = metadata;
                return;
            }
            completed(event, metadata, exception);
        }

        /** Called once {@code send} returned; false when the event was not taken. */
        boolean handedOff() {
            // Counted in flight first: an acknowledgement may arrive on the I/O thread right after the state change.
            inFlight.incrementAndGet();
            if (state.compareAndSet(SENDING, HANDED_OFF)) {
                return true;
            }
            Exception e = earlyException;
            if (e instanceof TimeoutException) {
                inFlight.decrementAndGet();
                health.trouble(e);
                problems.report("Kafka did not take an event for " + event.topic() + " (will retry): "
                        + Problems.describe(e));
                return false;
            }
            completed(event, earlyMetadata, e);
            return true;
        }
    }
}
