package io.logshipper.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.logshipper.ShipperGauges;
import io.logshipper.ShipperStats;
import io.logshipper.config.Settings;

/**
 * Everything a shipper counts, and the in-band notices made from it. Logging threads count acceptances and drops,
 * the shipper's thread unrenderable entries and sends, the producer's I/O thread deliveries and failures. What
 * went wrong since the last message is kept until {@link #takeNotices} reports it.
 */
public final class ShipperCounters {

    private final Clock clock;
    private final String bufferLimits;

    private final LongAdder accepted = new LongAdder();
    private final Tally bufferFull = new Tally();
    private final Tally closed = new Tally();
    private final Tally unrenderable = new Tally();
    private final AtomicReference<String> lastRenderProblem = new AtomicReference<>();

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong messagesFailed = new AtomicLong();
    private final Tally failedMessagesSinceReport = new Tally();
    private final AtomicLong failedEntriesSinceReport = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final LongAdder listenerFailures = new LongAdder();
    private final DeliveryAges ages = new DeliveryAges(System.nanoTime());
    // The disk spool's part (issue 14).
    private final Tally spoolFull = new Tally();
    private volatile boolean spoolIsFull;
    private final AtomicReference<String> spoolLimits = new AtomicReference<>("");
    private final java.util.concurrent.ConcurrentLinkedQueue<String> otherNotices =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * @param clock              what the times in notices are read from
     * @param maxBufferedEntries the buffer's cap, named in the buffer-full notice
     * @param maxBufferedBytes   the buffer's other cap, named in the buffer-full notice
     */
    public ShipperCounters(Clock clock, int maxBufferedEntries, long maxBufferedBytes) {
        this.clock = clock;
        this.bufferLimits = "(" + Settings.MAX_BUFFERED_ENTRIES.iniKey() + "=" + maxBufferedEntries + ", "
                + Settings.MAX_BUFFERED_BYTES.iniKey() + "=" + maxBufferedBytes + ")";
    }

    /** An entry was taken into the buffer. */
    public void accepted() {
        accepted.increment();
    }

    /** An entry was refused because the buffer was full. Always returns false, for the caller to return. */
    public boolean droppedBufferFull() {
        // While the disk spool is full the buffer behind it fills: those entries are the spool's drops.
        (spoolIsFull ? spoolFull : bufferFull).add(1, clock);
        return false;
    }

    /** An entry was refused because the shipper was closed. Always returns false, for the caller to return. */
    public boolean droppedClosed() {
        closed.add(1, clock);
        return false;
    }

    /**
     * An entry (or an adapter's event) could not be rendered; {@code problem} says why, without secrets. Always
     * returns false, for the caller to return.
     */
    public boolean droppedUnrenderable(String problem) {
        lastRenderProblem.set(problem);
        unrenderable.add(1, clock);
        return false;
    }

    /**
     * A message of {@code entries} user entries was refused by the disk spool ({@code limits} names its cap, or says
     * that writing failed); the entries are counted as dropped and reported in-band like a full buffer's.
     */
    void droppedSpoolFull(int entries, String limits) {
        spoolLimits.set(limits);
        if (entries > 0) {
            spoolFull.add(entries, clock);
        }
    }

    /** Whether the disk spool is full now, so that entries the buffer refuses are counted as the spool's drops. */
    void spoolFull(boolean full, String limits) {
        spoolLimits.set(limits);
        spoolIsFull = full;
    }

    /** A sentence for the next message, said once (what the spool's recovery skipped, for instance). */
    void notice(String text) {
        otherNotices.add(text);
    }

    long droppedSpoolFullTotal() {
        return spoolFull.total();
    }

    void sent() {
        messagesSent.incrementAndGet();
    }

    void delivered(int entries) {
        delivered.addAndGet(entries);
    }

    /** A message the producer gave up on, with {@code entries} entries the application logged. */
    void failed(int entries, String reason) {
        lastFailure.set(reason);
        failed.addAndGet(entries);
        messagesFailed.incrementAndGet();
        failedEntriesSinceReport.addAndGet(entries);
        failedMessagesSinceReport.add(1, clock);
    }

    /**
     * Hands {@code notice} one sentence for each kind of trouble counted since the last call, and starts counting
     * afresh: entries dropped because the buffer was full or the shipper closing, entries that could not be
     * rendered, messages that could not be delivered. Called on the shipper's thread when it begins a message.
     */
    void takeNotices(Consumer<String> notice) {
        Tally.Report full = bufferFull.take(clock);
        if (full != null) {
            notice.accept("logshipper: dropped " + full.count + " log entries since " + full.since
                    + " because the buffer was full " + bufferLimits);
        }
        Tally.Report spool = spoolFull.take(clock);
        if (spool != null) {
            notice.accept("logshipper: dropped " + spool.count + " log entries since " + spool.since
                    + " because the disk spool refused them " + spoolLimits.get());
        }
        String other;
        while ((other = otherNotices.poll()) != null) {
            notice.accept(other);
        }
        Tally.Report closing = closed.take(clock);
        if (closing != null) {
            notice.accept("logshipper: dropped " + closing.count + " log entries since " + closing.since
                    + " because the shipper was closing");
        }
        Tally.Report render = unrenderable.take(clock);
        if (render != null) {
            notice.accept("logshipper: dropped " + render.count + " log entries that could not be rendered;"
                    + " last error: " + lastRenderProblem.get());
        }
        Tally.Report failures = failedMessagesSinceReport.take(clock);
        if (failures != null) {
            notice.accept("logshipper: " + failedEntriesSinceReport.getAndSet(0) + " log entries in "
                    + failures.count + " messages could not be delivered since " + failures.since
                    + "; last error: " + lastFailure.get());
        }
    }

    /** A {@link io.logshipper.ShipperListener} threw. */
    void listenerFailed() {
        listenerFailures.increment();
    }

    long droppedBufferFullTotal() {
        return bufferFull.total();
    }

    long droppedClosedTotal() {
        return closed.total();
    }

    long droppedUnrenderableTotal() {
        return unrenderable.total();
    }

    /** Whether something happened since the last notices that {@link #takeNotices} would report. */
    boolean hasNotices() {
        return bufferFull.pending() || closed.pending() || unrenderable.pending() || failedMessagesSinceReport.pending()
                || spoolFull.pending() || !otherNotices.isEmpty();
    }

    /** Ages and latencies, kept by the assembler and the session. */
    DeliveryAges ages() {
        return ages;
    }

    /** The levels now, of {@code buffer}; the oldest age is zero once {@code stopped}. */
    public ShipperGauges gauges(EntryBuffer buffer, boolean stopped) {
        int entries = buffer.size();
        long age = stopped ? 0 : ages.oldestUndeliveredNanos(System.nanoTime(), entries > 0);
        return new ShipperGauges(entries, Math.max(0, buffer.heldBytes()), Duration.ofNanos(age),
                ages.acknowledgedMessages(), Duration.ofNanos(ages.latencyTotalNanos()),
                Duration.ofNanos(ages.lastLatencyNanos()));
    }

    /** The counts now. */
    public ShipperStats snapshot() {
        long full = bufferFull.total();
        long closing = closed.total();
        long render = unrenderable.total();
        // Entries the spool refused are in the total; ShipperStats has no field of their own yet.
        return new ShipperStats(accepted.sum(), full + closing + render + spoolFull.total(), delivered.get(),
                failed.get(), messagesSent.get(), messagesFailed.get(), full, closing, render, listenerFailures.sum());
    }

    /**
     * A count with a running total and a part since the last report, which remembers when that part began. Safe for
     * any number of counting threads and one reporting thread; what is counted during a report goes to this report or
     * to the next, never to neither.
     */
    private static final class Tally {
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong sinceReport = new AtomicLong();
        private final AtomicLong firstMillis = new AtomicLong();

        record Report(long count, Instant since) {
        }

        void add(long n, Clock clock) {
            total.addAndGet(n);
            if (sinceReport.getAndAdd(n) == 0) {
                firstMillis.compareAndSet(0, clock.millis());
            }
        }

        long total() {
            return total.get();
        }

        boolean pending() {
            return sinceReport.get() > 0;
        }

        /** The part since the last report, or null when nothing was counted. */
        Report take(Clock clock) {
            if (sinceReport.get() == 0) {
                return null;
            }
            // First the start, then the count: a drop in between finds a count above 0 and leaves the start alone.
            long since = firstMillis.getAndSet(0);
            long n = sinceReport.getAndSet(0);
            return new Report(n, Instant.ofEpochMilli(since == 0 ? clock.millis() : since));
        }
    }
}
