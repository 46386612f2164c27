package io.logshipper.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.logshipper.LogShipperConfig;
import io.logshipper.ProducerFactory;
import io.logshipper.ShipperListener;
import io.logshipper.Ticker;
import io.logshipper.spi.ProblemChannel;
import io.logshipper.config.Settings;
import io.logshipper.internal.spool.DiskSpool;
import io.logshipper.internal.spool.Spool;
import io.logshipper.internal.spool.SpoolOptions;

/**
 * The shipper's thread: a message per interval on a fixed, drift-free schedule, an early message whenever a full
 * one is buffered, a back-off after a failed attempt, and a final flush on close. Interval and back-off run on the
 * {@link Ticker}; the close deadline is real time. Assembling messages is the {@link BatchAssembler}'s work, talking
 * to Kafka the {@link ProducerSession}'s.
 */
public final class FlushSchedule implements Runnable {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ShipperCounters counters;
    private final EntryBuffer buffer;
    private final Ticker ticker;
    private final long intervalNanos;
    private final ProblemReporter problems;
    private final BatchAssembler assembler;
    private final ProducerSession session;
    private final Listeners listeners;
    private final HealthTracker health;
    /** The disk spool asked for, or null; opened on the shipper's thread (it reads the disk). */
    private final SpoolOptions spoolOptions;
    private Spool spool = Spool.OFF;

    private volatile Thread thread;
    private volatile boolean wakeRequested;
    private volatile long closeDeadline;
    private volatile boolean closeRequested;

    /** When an attempt that failed may be made again, in ticker time. */
    private long retryAt;

    /**
     * A schedule for one shipper; it does nothing until {@link #run()} starts on the shipper's thread.
     *
     * @param listeners      called on the shipper's thread only
     * @param problemChannel where problems are said, at most once a minute
     */
    public FlushSchedule(LogShipperConfig config, String programId, EntryBuffer buffer, ShipperCounters counters,
                         Clock clock, Ticker ticker, ProducerFactory producerFactory,
                         List<ShipperListener> listeners, ProblemChannel problemChannel) {
        this.buffer = buffer;
        this.counters = counters;
        this.ticker = ticker;
        this.intervalNanos = Math.max(1, Durations.saturatedNanos(config.interval()));
        this.problems = new ProblemReporter(programId, problemChannel, counters);
        this.assembler = new BatchAssembler(config, buffer, counters, clock);
        this.listeners = new Listeners(programId, listeners, counters, problems, this::poke);
        this.health = new HealthTracker(clock, this.listeners);
        this.session = new ProducerSession(config, programId, producerFactory, buffer, counters, problems, health,
                this.listeners);
        this.retryAt = ticker.nanoTime();
        this.spoolOptions = spoolOptions(config, programId);
    }

    private static SpoolOptions spoolOptions(LogShipperConfig config, String programId) {
        String dir = config.get(Settings.SPOOL_DIR);
        if (dir == null) {
            return null;
        }
        return new SpoolOptions(SpoolOptions.programDirectory(java.nio.file.Path.of(dir), programId),
                config.get(Settings.SPOOL_MAX_BYTES), config.get(Settings.SPOOL_SEGMENT_BYTES),
                config.get(Settings.SPOOL_FSYNC_INTERVAL_MS));
    }

    /**
     * Opens the disk spool, if one is asked for. One that cannot be used (a directory that is not writable, the lock
     * held by another process) is said on standard error, in-band and in the health, and shipping goes on without.
     */
    private void openSpool() {
        if (spoolOptions == null) {
            return;
        }
        DiskSpool.Opened opened;
        try {
            opened = DiskSpool.open(spoolOptions, this::poke);
        } catch (RuntimeException | LinkageError e) {
            opened = new DiskSpool.Opened(Spool.OFF, "the spool could not be opened (" + Problems.describe(e)
                    + "); shipping without the spool");
        }
        if (opened.problem() != null) {
            // Its own reporter: said once, without silencing Kafka's problems for the next minute.
            problems.apart().report(opened.problem());
            health.withoutSpool(opened.problem());
            counters.notice("logshipper: " + opened.problem());
            return;
        }
        spool = opened.spool();
        DiskSpool.SpoolCounts found = ((DiskSpool) spool).counts();
        if (found.replayMessages() > 0) {
            counters.notice("logshipper: sending " + found.replayMessages() + " messages (" + found.replayEntries()
                    + " log entries) spooled by an earlier run first");
        }
        spool.takeNotices(counters::notice);
        session.useSpool(spool);
    }

    /** The shipper's health, moved by what Kafka says; readable from any thread, also after close. */
    public HealthTracker health() {
        return health;
    }

    /** Wakes the thread so that it calls the listeners for what happened elsewhere. */
    private void poke() {
        LockSupport.unpark(thread);
    }

    /** Asks for an early send because a full message is buffered. Cheap enough for the logging thread. */
    public void wake() {
        if (!wakeRequested) {
            wakeRequested = true;
            LockSupport.unpark(thread);
        }
    }

    /** Asks the thread to flush everything and let go of the producer by {@code deadlineNanos} (System.nanoTime). */
    public void requestClose(long deadlineNanos) {
        closeDeadline = deadlineNanos;
        closeRequested = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long next = ticker.nanoTime();
        listeners.started();
        try {
            openSpool();
            while (!closeRequested) {
                listeners.dispatch();
                long now = ticker.nanoTime();
                if (now - next >= 0) {
                    flush(true);
                    next = following(next, ticker.nanoTime());
                } else if (sendEarly() && now - retryAt >= 0) {
                    flush(false);
                } else {
                    wakeRequested = false;
                    boolean early = sendEarly();
                    if (!closeRequested && !(early && now - retryAt >= 0)) {
                        // Something waiting out a failed attempt is retried as soon as the back-off ends.
                        ticker.parkUntil(early && retryAt - next < 0 ? retryAt : next);
                    }
                }
            }
            finish();
        } catch (RuntimeException e) {
            if (!closeRequested) {
                problems.report("the shipper's thread stopped: " + Problems.describe(e));
                throw e;
            }
            // Whatever the producer throws when interrupted at the close deadline ends the thread quietly: the
            // entries stay counted as undelivered and close() returns their number.
            problems.report(Problems.isInterruption(e)
                    ? "the close deadline passed before Kafka answered; the shipper's thread was stopped"
                    : "the shipper's thread stopped while closing: " + Problems.describe(e));
        } catch (Error e) {
            problems.report("the shipper's thread stopped: " + Problems.describe(e));
            throw e;
        } finally {
            Thread.interrupted();
            long remaining = closeRequested ? Math.max(0, closeDeadline - System.nanoTime()) : 0;
            session.release(Duration.ofNanos(remaining));
            // After the producer: acknowledgements that came in while it closed still move the watermark.
            spool.close();
            health.stopped();
            listeners.stopped();
        }
    }

    /**
     * The first slot of the fixed schedule after {@code now}: lateness does not accumulate, and intervals missed
     * altogether (a suspended process, a long outage) are skipped rather than caught up in a burst.
     */
    private long following(long slot, long now) {
        long late = now - slot;
        return late < 0 ? slot : slot + (late / intervalNanos + 1) * intervalNanos;
    }

    /**
     * Whether to send before the interval ends: a full message is buffered, a message Kafka did not take waits,
     * or entries wait for a producer (or topic) that could not be set up yet.
     */
    private boolean sendEarly() {
        return session.hasPending() || buffer.wantsFlush() || !session.isOpen() && buffer.size() > 0;
    }

    private void finish() {
        session.spoolClosing();
        retryAt = ticker.nanoTime();
        boolean ok = flush(true);
        // Drops counted while the last messages were assembled are reported in one more, so that the stream
        // itself says what was lost, not only close()'s return value.
        while (ok && (buffer.size() > 0 || counters.hasNotices() || session.hasPending())
                && System.nanoTime() - closeDeadline < 0
                && !Thread.currentThread().isInterrupted()) {
            ok = flush(false);
        }
        session.awaitInFlight(closeDeadline);
    }

    /**
     * Sends what is buffered now, after the message Kafka did not take last time, if any.
     *
     * @return false when sending had to stop (no producer yet, broker not answering); entries stay buffered and
     *         the next attempt waits out the back-off
     */
    private boolean flush(boolean periodic) {
        if (session.spooled()) {
            return flushSpooled(periodic);
        }
        if (!session.isOpen() && ticker.nanoTime() - retryAt < 0 && !closeRequested) {
            return false;
        }
        if (session.open() && session.resend() && assembler.assemble(periodic, session)) {
            return true;
        }
        retryAt = ticker.nanoTime() + RETRY_NANOS;
        assembler.shrink();
        return false;
    }

    /**
     * With the disk spool: what is buffered goes to the spool at the interval (or when a full message is buffered,
     * or on close), whatever Kafka is doing, so that an outage fills the disk, not the heap; then the spool's oldest
     * messages go to Kafka, unless a failed attempt is waiting out its back-off.
     */
    private boolean flushSpooled(boolean periodic) {
        if (session.spoolKept() && (periodic || closeRequested || buffer.wantsFlush())) {
            assembler.assemble(periodic, session);
        }
        boolean mayTry = session.isOpen() || ticker.nanoTime() - retryAt >= 0 || closeRequested;
        boolean ok = mayTry && session.open() && session.resend();
        session.maintainSpool();
        if (!ok) {
            if (mayTry) {
                retryAt = ticker.nanoTime() + RETRY_NANOS;
            }
            assembler.shrink();
        }
        return ok;
    }
}
