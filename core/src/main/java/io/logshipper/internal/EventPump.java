package io.logshipper.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import org.apache.kafka.common.KafkaException;
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
                problems.report("the event sender's thread stopped: " + Problems.describe(e));
            }
            if (e instanceof Error err) {
                throw err;
            }
        } finally {
            Thread.interrupted();
            awaitInFlight();
            release();
            abandonQueued();
            notices();
            health.stopped();
            callbacks.shutdown();
            awaitCallbacks();
        }
    }

    private void loop() {
        while (true) {
            long now = System.nanoTime();
            if (now - nextNotice >= 0) {
                notices();
            }
            if (closeRequested && (queue.isEmpty() || now - closeDeadline >= 0
                    || Thread.currentThread().isInterrupted())) {
                return;
            }
            QueuedEvent event = queue.peek();
            if (event == null) {
                idle = true;
                if (queue.peek() == null && !closeRequested) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                idle = false;
                continue;
            }
            if (now - retryAt < 0) {
                long wait = closeRequested ? Math.min(retryAt, closeDeadline) - now : retryAt - now;
                LockSupport.parkNanos(this, Math.max(1, Math.min(wait, IDLE_PARK_NANOS)));
                continue;
            }
            if (lease == null && !acquire()) {
                retryAt = System.nanoTime() + RETRY_NANOS;
                continue;
            }
            if (!send(event)) {
                retryAt = System.nanoTime() + RETRY_NANOS;
            }
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
     * Hands the first event to the producer.
     *
     * @return false when the producer did not take it: it stays first and sending waits out the back-off
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
        } catch (KafkaException | IllegalStateException e) {
            if (Problems.isInterruption(e)) {
                Thread.currentThread().interrupt();
                return false;
            }
            queue.poll();
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
            delivery = new EventDelivery(metadata.topic(), metadata.partition(), metadata.offset(),
                    metadata.timestamp());
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
                queue.poll();
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
            queue.poll();
            completed(event, earlyMetadata, e);
            return true;
        }
    }
}
