package io.logshipper.logback;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.logshipper.ShipperListener;

/** A listener Logback creates from {@code <listener class="..."/>}; counts what it hears in static totals. */
public final class CountingListener implements ShipperListener {

    static final AtomicLong SENT_ENTRIES = new AtomicLong();
    static final AtomicLong STARTED = new AtomicLong();

    /** Called by Logback. */
    public CountingListener() {
    }

    @Override
    public void started(String programId) {
        STARTED.incrementAndGet();
    }

    @Override
    public void messageSent(String programId, int entries, int bytes, Duration latency) {
        SENT_ENTRIES.addAndGet(entries);
    }

    /** A listener whose constructor throws. */
    public static final class Throwing implements ShipperListener {
        /** Always throws. */
        public Throwing() {
            throw new IllegalStateException("no listening today");
        }
    }
}
