package io.logshipper.internal;

import java.time.Duration;

/** Converts user-given durations to nanoseconds that deadline arithmetic cannot overflow. */
public final class Durations {

    /**
     * About 73 years: a "forever" budget. Kept well below {@code Long.MAX_VALUE} so that {@code System.nanoTime()}
     * plus it, and differences of such deadlines, still compare correctly.
     */
    public static final long MAX_NANOS = Long.MAX_VALUE / 4;

    private Durations() {
    }

    /** {@code d} in nanoseconds, at least 0 (also for null or negative) and at most {@link #MAX_NANOS}. */
    public static long saturatedNanos(Duration d) {
        if (d == null || d.isNegative()) {
            return 0;
        }
        if (d.getSeconds() >= MAX_NANOS / 1_000_000_000L) {
            return MAX_NANOS;
        }
        return Math.min(MAX_NANOS, d.toNanos());
    }
}
