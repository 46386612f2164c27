package io.logshipper.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How old the oldest undelivered entry is, and how long deliveries take, without a clock read per entry. The
 * shipper's thread notes when an assembly took every entry that was buffered at its start: what stays buffered was
 * accepted after that moment. Each message carries the moment before which none of its entries was accepted, and is
 * outstanding from its hand-off to its acknowledgement or failure. The age is thus an upper bound, at most about one
 * interval above the true age. Written by the shipper's and the producer's threads, read from anywhere.
 */
final class DeliveryAges {

    /** System.nanoTime before which no entry still buffered was accepted. */
    private volatile long bufferedSince;
    private final Set<EncodedMessage> outstanding = ConcurrentHashMap.newKeySet();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong latencyTotalNanos = new AtomicLong();
    private volatile long lastLatencyNanos;

    DeliveryAges(long startNanos) {
        this.bufferedSince = startNanos;
    }

    /** The bound for the messages of an assembly beginning now. Shipper's thread. */
    long bufferedSince() {
        return bufferedSince;
    }

    /** An assembly that began at {@code startNanos} took every entry buffered then. Shipper's thread. */
    void drained(long startNanos) {
        bufferedSince = startNanos;
    }

    /** A message with entries of the application was handed to the producer (or kept to be sent again). */
    void outstanding(EncodedMessage message) {
        if (message.userEntries() > 0) {
            outstanding.add(message);
        }
    }

    /** The broker acknowledged {@code message} after {@code latencyNanos}. */
    void acknowledged(EncodedMessage message, long latencyNanos) {
        outstanding.remove(message);
        acknowledged.incrementAndGet();
        latencyTotalNanos.addAndGet(latencyNanos);
        lastLatencyNanos = latencyNanos;
    }

    /** {@code message} failed for good. */
    void failed(EncodedMessage message) {
        outstanding.remove(message);
    }

    /** The age bound now, in nanoseconds; 0 when nothing waits. */
    long oldestUndeliveredNanos(long nowNanos, boolean entriesBuffered) {
        long oldest = entriesBuffered ? bufferedSince : nowNanos;
        for (EncodedMessage m : outstanding) {
            if (m.entriesSinceNanos() - oldest < 0) {
                oldest = m.entriesSinceNanos();
            }
        }
        return Math.max(0, nowNanos - oldest);
    }

    long acknowledgedMessages() {
        return acknowledged.get();
    }

    long latencyTotalNanos() {
        return latencyTotalNanos.get();
    }

    long lastLatencyNanos() {
        return lastLatencyNanos;
    }
}
