package io.logshipper.internal;

import java.util.concurrent.TimeUnit;

/** What a shipper and an event sender do alike with their own thread and shutdown hook when they close. */
public final class ShipperThreads {

    private ShipperThreads() {
    }

    /**
     * Removes a shutdown hook unless it is the thread running now (a close from the hook itself).
     *
     * @param hook the hook, or null when none was added
     */
    public static void removeShutdownHook(Thread hook) {
        if (hook != null && hook != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs, finds its owner closed and returns.
            }
        }
    }

    /** Waits for a thread to end, at most until a {@link System#nanoTime()} deadline; keeps an interrupt. */
    public static void joinUntil(Thread thread, long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        try {
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
