package io.logshipper;

import io.logshipper.internal.SystemTicker;

/**
 * The time a shipper's schedule runs on: when the next periodic message is due, when an early message may go, and
 * when a failed attempt is tried again. The default is {@link #system()}; a test supplies a ticker it advances by
 * hand, so that interval behaviour does not depend on how fast the machine is. Close budgets are always measured in
 * real time, since they bound how long a caller (or the JVM's exit) waits.
 */
public interface Ticker {

    /**
     * The current time in nanoseconds from an arbitrary origin, like {@link System#nanoTime()}: only differences
     * between two readings mean anything, and readings may wrap around {@code Long.MAX_VALUE}.
     */
    long nanoTime();

    /**
     * Blocks the calling thread until {@link #nanoTime()} reaches {@code deadline}. It may return earlier, and must
     * return soon after the thread is woken with {@link java.util.concurrent.locks.LockSupport#unpark}, which is how
     * the shipper is asked for an early message or to close: the caller checks again why it waited.
     */
    void parkUntil(long deadline);

    /** The ticker of {@link System#nanoTime()} and {@link java.util.concurrent.locks.LockSupport#parkNanos}. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
