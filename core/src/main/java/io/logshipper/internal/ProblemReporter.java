package io.logshipper.internal;

import java.util.concurrent.TimeUnit;

/**
 * Says on standard error, at most once a minute, why a shipper cannot send. In-band reports need a working
 * producer; this is the channel for when there is none.
 */
final class ProblemReporter {

    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String programId;
    private long lastReport = System.nanoTime() - QUIET_NANOS;

    ProblemReporter(String programId) {
        this.programId = programId;
    }

    void report(String problem) {
        long now = System.nanoTime();
        if (now - lastReport >= QUIET_NANOS) {
            lastReport = now;
            System.err.println("logshipper [" + programId + "]: " + problem);
        }
    }
}
