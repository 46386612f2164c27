package io.logshipper.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.logshipper.ShipperStats;
import io.logshipper.spi.ProblemChannel;

/**
 * Says on the shipper's {@link ProblemChannel}, at most once a minute, why a shipper cannot send, with the drops
 * and failures counted so far. In-band reports need a working producer; this is the channel for when there is
 * none. Called from the shipper's thread and from the producer's I/O thread (delivery failures), so the
 * once-a-minute guard is atomic.
 */
final class ProblemReporter {

    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String programId;
    private final ProblemChannel channel;
    private final ShipperCounters counters;
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    /** Drops have their own minute, so that they never hide the Kafka problem that causes them. */
    private final AtomicLong lastDropReport = new AtomicLong(System.nanoTime() - QUIET_NANOS);

    /** A reporter on standard error without counts, e.g. for an event sender's own problems. */
    ProblemReporter(String programId) {
        this(programId, ProblemChannel.standardError(), null);
    }

    /** A reporter on the same channel with its own once-a-minute guard: for a problem said once, apart. */
    ProblemReporter apart() {
        return new ProblemReporter(programId, channel, counters);
    }

    ProblemReporter(String programId, ProblemChannel channel, ShipperCounters counters) {
        this.programId = programId;
        this.channel = channel;
        this.counters = counters;
    }

    String programId() {
        return programId;
    }

    void report(String problem) {
        report(problem, lastReport);
    }

    /** Says that entries are being dropped, at most once a minute apart from {@link #report}. */
    void reportDrops(String problem) {
        report(problem, lastDropReport);
    }

    private void report(String problem, AtomicLong lastTime) {
        long now = System.nanoTime();
        long last = lastTime.get();
        if (now - last >= QUIET_NANOS && lastTime.compareAndSet(last, now)) {
            try {
                channel.warn(programId, counters == null ? problem : problem + soFar(counters.snapshot()));
            } catch (RuntimeException | LinkageError e) {
                // A broken channel must not break shipping; there is nowhere left to say it.
            }
        }
    }

    /** What was lost so far, e.g. {@code ; so far 12 log entries dropped (buffer full 12), 3 failed}. */
    static String soFar(ShipperStats s) {
        if (s.dropped() == 0 && s.failed() == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; so far ").append(s.dropped()).append(" log entries dropped");
        if (s.dropped() > 0) {
            StringBuilder reasons = new StringBuilder();
            reason(reasons, "buffer full", s.droppedBufferFull());
            reason(reasons, "closed", s.droppedClosed());
            reason(reasons, "unrenderable", s.droppedUnrenderable());
            if (reasons.length() > 0) {
                sb.append(" (").append(reasons).append(')');
            }
        }
        return sb.append(", ").append(s.failed()).append(" failed").toString();
    }

    private static void reason(StringBuilder sb, String name, long count) {
        if (count > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append(name).append(' ').append(count);
        }
    }
}
