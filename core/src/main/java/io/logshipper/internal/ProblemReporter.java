package io.logshipper.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says on standard error, at most once a minute, why a shipper cannot send. In-band reports need a working
 * producer; this is the channel for when there is none. Called from the shipper's thread and from the producer's
 * I/O thread (delivery failures), so the once-a-minute guard is atomic.
 */
final class ProblemReporter {

    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String programId;
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - QUIET_NANOS);

    ProblemReporter(String programId) {
        this.programId = programId;
    }

    String programId() {
        return programId;
    }

    void report(String problem) {
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= QUIET_NANOS && lastReport.compareAndSet(last, now)) {
            System.err.println("logshipper [" + programId + "]: " + problem);
        }
    }
}
