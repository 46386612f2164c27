package io.logshipper.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.logshipper.ShipperStats;

/**
 * What happened to a shipper's entries. Delivery results arrive on the producer's I/O thread; failures are kept
 * until the next message reports them in-band.
 */
public final class ShipperCounters {

    private final LongAdder accepted = new LongAdder();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong messagesFailed = new AtomicLong();

    private final AtomicLong failedEntriesSinceReport = new AtomicLong();
    private final AtomicLong failedMessagesSinceReport = new AtomicLong();
    private final AtomicLong firstFailureMillis = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    /** An entry was taken into the buffer. */
    public void accepted() {
        accepted.increment();
    }

    void sent() {
        messagesSent.incrementAndGet();
    }

    void delivered(int entries) {
        delivered.addAndGet(entries);
    }

    void failed(int entries, String reason, long nowMillis) {
        failed.addAndGet(entries);
        messagesFailed.incrementAndGet();
        failedEntriesSinceReport.addAndGet(entries);
        if (failedMessagesSinceReport.getAndIncrement() == 0) {
            firstFailureMillis.compareAndSet(0, nowMillis);
        }
        lastFailure.set(reason);
    }

    /**
     * Takes the failures counted since the last call, for an in-band report.
     *
     * @return a sentence describing them, or null when there were none
     */
    String takeFailureReport(java.util.function.LongFunction<String> timeFormat) {
        long messages = failedMessagesSinceReport.getAndSet(0);
        if (messages == 0) {
            return null;
        }
        long entries = failedEntriesSinceReport.getAndSet(0);
        long since = firstFailureMillis.getAndSet(0);
        return "logshipper: " + entries + " log entries in " + messages + " messages could not be delivered since "
                + timeFormat.apply(since) + "; last error: " + lastFailure.get();
    }

    /** A snapshot. */
    public ShipperStats snapshot(long dropped) {
        return new ShipperStats(accepted.sum(), dropped, delivered.get(), failed.get(), messagesSent.get(),
                messagesFailed.get());
    }
}
