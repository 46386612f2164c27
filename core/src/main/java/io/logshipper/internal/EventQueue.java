package io.logshipper.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off between sending threads and an event sender's thread: any number of threads offer, one polls.
 * Bounded by events and by bytes. An event holds its place from {@link #offer} until its outcome has been handled
 * ({@link #finished}, after its callback ran), so that events waiting for a slow callback count too; its bytes are
 * given back when the producer took it ({@link #poll}), from when the producer's own {@code buffer.memory} bounds
 * them.
 */
public final class EventQueue {

    private final ConcurrentLinkedQueue<QueuedEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final int maxEvents;
    private final long maxBytes;

    public EventQueue(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** Takes the event unless a cap would be passed; never waits. */
    public boolean offer(QueuedEvent event) {
        if (events.incrementAndGet() > maxEvents) {
            events.decrementAndGet();
            return false;
        }
        if (bytes.addAndGet(event.size()) > maxBytes) {
            bytes.addAndGet(-event.size());
            events.decrementAndGet();
            return false;
        }
        queue.offer(event);
        return true;
    }

    /** The oldest event without removing it, or null. Sender's thread only. */
    QueuedEvent peek() {
        return queue.peek();
    }

    /** Removes the oldest event, giving back its bytes (not its place). Sender's thread only. */
    QueuedEvent poll() {
        QueuedEvent e = queue.poll();
        if (e != null) {
            bytes.addAndGet(-e.size());
        }
        return e;
    }

    /** Counts bytes of an event taken off the queue but not yet handed to the producer (it waits apart). */
    void hold(long size) {
        bytes.addAndGet(size);
    }

    /** Gives back what {@link #hold} counted. */
    void unhold(long size) {
        bytes.addAndGet(-size);
    }

    /** Gives back an event's place once its outcome has been handled. Any thread. */
    void finished() {
        events.decrementAndGet();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
