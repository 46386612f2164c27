package io.logshipper.internal;

import java.util.concurrent.locks.LockSupport;

import io.logshipper.Ticker;

/** Real time: the default {@link Ticker}. */
public final class SystemTicker implements Ticker {

    /** The one instance. */
    public static final SystemTicker INSTANCE = new SystemTicker();

    private SystemTicker() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void parkUntil(long deadline) {
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    @Override
    public String toString() {
        return "Ticker.system()";
    }
}
