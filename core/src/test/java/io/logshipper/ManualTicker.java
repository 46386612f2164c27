package io.logshipper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A ticker that only moves when a test {@linkplain #advance advances} it. It starts just below
 * {@code Long.MAX_VALUE}, so that every schedule that runs on it crosses the wrap-around of nanosecond readings.
 * {@link #clock()} reads the same time as an instant, so message timestamps show when in ticker time a message
 * was assembled.
 */
final class ManualTicker implements Ticker {

    private static final Instant ORIGIN_INSTANT = Instant.parse("2030-01-01T00:00:00Z");
    private static final long ORIGIN = Long.MAX_VALUE - Duration.ofSeconds(5).toNanos();

    private volatile long now = ORIGIN;
    /** The threads parked on this ticker and the reading each waits for. */
    private final Map<Thread, Long> parked = new ConcurrentHashMap<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void parkUntil(long deadline) {
        Thread self = Thread.currentThread();
        // Registered before the time is checked: an advance after the check finds this thread and unparks it.
        parked.put(self, deadline);
        try {
            if (now - deadline < 0) {
                LockSupport.park(this);
            }
        } finally {
            parked.remove(self, deadline);
        }
    }

    /** Moves time on by {@code d} and wakes every parked thread. */
    synchronized void advance(Duration d) {
        now += d.toNanos();
        for (Thread t : parked.keySet()) {
            parked.remove(t);
            LockSupport.unpark(t);
        }
    }

    /** Time passed since the ticker was made. */
    Duration elapsed() {
        return Duration.ofNanos(now - ORIGIN);
    }

    /**
     * How long after the ticker's start a parked thread waits for, if one is parked. A thread woken by
     * {@link #advance} is no longer counted as parked until it parks again.
     */
    OptionalLong parkedUntil() {
        return parked.values().stream().mapToLong(deadline -> deadline - ORIGIN).findFirst();
    }

    /** Whether a thread is parked until exactly {@code sinceStart} after the ticker's start. */
    boolean parkedUntil(Duration sinceStart) {
        OptionalLong until = parkedUntil();
        return until.isPresent() && until.getAsLong() == sinceStart.toNanos();
    }

    /** A clock showing this ticker's time, starting at 2030-01-01T00:00:00Z. */
    Clock clock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return ORIGIN_INSTANT.plusNanos(now - ORIGIN);
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
