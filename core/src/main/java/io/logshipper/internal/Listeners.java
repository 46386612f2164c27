package io.logshipper.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.logshipper.ShipperHealth;
import io.logshipper.ShipperListener;
import io.logshipper.ShipperListener.DropReason;

/**
 * Calls a shipper's {@link ShipperListener}s, only ever on the shipper's thread: what happens on other threads
 * (acknowledgements and failures on the producer's I/O thread) is queued, and the shipper's thread is woken to
 * {@link #dispatch()} it. Drops are not queued at all: the logging thread only counts them, and
 * {@link #dispatch()} reports what the counters gained since, to the listeners and (rate-limited) to the
 * {@link ProblemReporter}. A listener that throws is counted and reported. With no listeners, nothing is queued and
 * nothing woken.
 */
final class Listeners {

    private record Sent(int entries, int bytes, long latencyNanos) {
    }

    private record Failed(int entries, Throwable cause) {
    }

    private record HealthChange(ShipperHealth previous, ShipperHealth current) {
    }

    private final String programId;
    private final ShipperListener[] listeners;
    private final ShipperCounters counters;
    private final ProblemReporter problems;
    private final Runnable wake;
    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();

    /** Drop totals already reported, by {@link DropReason} ordinal; touched by the shipper's thread only. */
    private final long[] reportedDrops = new long[DropReason.values().length];

    /**
     * @param wake wakes the shipper's thread so that it dispatches soon
     */
    Listeners(String programId, List<ShipperListener> listeners, ShipperCounters counters, ProblemReporter problems,
              Runnable wake) {
        this.programId = programId;
        this.listeners = listeners.toArray(new ShipperListener[0]);
        this.counters = counters;
        this.problems = problems;
        this.wake = wake;
    }

    /** A message was acknowledged, {@code latencyNanos} after its assembly began. Any thread. */
    void sent(int entries, int bytes, long latencyNanos) {
        enqueue(new Sent(entries, bytes, latencyNanos));
    }

    /** A message failed for good. Any thread. */
    void failed(int entries, Throwable cause) {
        enqueue(new Failed(entries, cause));
    }

    /** The health changed state. Any thread. */
    void healthChanged(ShipperHealth previous, ShipperHealth current) {
        enqueue(new HealthChange(previous, current));
    }

    private void enqueue(Object event) {
        if (listeners.length > 0) {
            events.add(event);
            wake.run();
        }
    }

    /** Tells every listener that the shipper's thread started. Shipper's thread only. */
    void started() {
        for (ShipperListener l : listeners) {
            try {
                l.started(programId);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                threw(l, e);
            }
        }
    }

    /** Dispatches what is queued, then the last drops, then says stopped. Shipper's thread only. */
    void stopped() {
        dispatch();
        for (ShipperListener l : listeners) {
            try {
                l.stopped(programId, counters.snapshot());
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                threw(l, e);
            }
        }
    }

    /** Calls the listeners for what happened since the last dispatch, in order. Shipper's thread only. */
    void dispatch() {
        Object event;
        while (listeners.length > 0 && (event = events.poll()) != null) {
            for (ShipperListener l : listeners) {
                try {
                    call(l, event);
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    threw(l, e);
                }
            }
        }
        drops(DropReason.BUFFER_FULL, counters.droppedBufferFullTotal());
        drops(DropReason.CLOSED, counters.droppedClosedTotal());
        drops(DropReason.UNRENDERABLE, counters.droppedUnrenderableTotal());
        drops(DropReason.SPOOL_FULL, counters.droppedSpoolFullTotal());
    }

    private void call(ShipperListener l, Object event) {
        if (event instanceof Sent s) {
            l.messageSent(programId, s.entries(), s.bytes(), Duration.ofNanos(s.latencyNanos()));
        } else if (event instanceof Failed f) {
            l.messageFailed(programId, f.entries(), f.cause());
        } else if (event instanceof HealthChange h) {
            l.healthChanged(programId, h.previous(), h.current());
        }
    }

    private void drops(DropReason reason, long total) {
        long count = total - reportedDrops[reason.ordinal()];
        if (count <= 0) {
            return;
        }
        reportedDrops[reason.ordinal()] = total;
        // Said even without listeners: when Kafka is down, no message can carry the in-band notice.
        if (reason == DropReason.BUFFER_FULL) {
            problems.reportDrops("log entries are being dropped because the buffer is full");
        } else if (reason == DropReason.UNRENDERABLE) {
            problems.reportDrops("log entries are being dropped because they could not be rendered");
        } else if (reason == DropReason.SPOOL_FULL) {
            problems.reportDrops("log entries are being dropped because the disk spool is full");
        }
        for (ShipperListener l : listeners) {
            try {
                l.entriesDropped(programId, reason, count);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                threw(l, e);
            }
        }
    }

    private void threw(ShipperListener l, Throwable e) {
        counters.listenerFailed();
        problems.report("a ShipperListener (" + l.getClass().getName() + ") threw: " + Problems.describe(e));
    }
}
