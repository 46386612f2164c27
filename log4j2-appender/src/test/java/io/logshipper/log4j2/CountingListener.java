package io.logshipper.log4j2;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.logshipper.ShipperListener;

/** A listener the {@code listener} attribute names; counts in static totals. */
public final class CountingListener implements ShipperListener {

    static final AtomicLong SENT_ENTRIES = new AtomicLong();

    /** Called by the shipper. */
    public CountingListener() {
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
