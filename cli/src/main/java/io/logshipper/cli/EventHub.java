package io.logshipper.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one feed behind {@code GET /events}: the polling thread publishes each written entry once; every browser
 * tab is a {@link Client} with its own bounded queue. A client that cannot keep up loses entries, counted and
 * told to it as {@code event: dropped}, instead of the server's memory growing. The last {@code ringSize} events
 * are kept for {@code Last-Event-ID} resume. Event ids are one increasing sequence number per aggregator run.
 */
final class EventHub {

    /**
     * One event: its id and entry. The JSON {@code data} payload is made by the client's own thread when it is
     * sent, so the polling thread pays nothing for the feed while nobody watches.
     */
    record Event(long id, SinkEntry entry) {
        String program() {
            return entry.program();
        }

        String level() {
            return entry.level();
        }

        String text() {
            return entry.text();
        }

        String json() {
            return AggregatePipeline.eventJson(entry);
        }
    }

    private final int ringSize;
    private final int queueSize;
    private final int maxClients;
    private final ArrayDeque<Event> ring;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private long nextId = 1;
    /** Until when (nanoTime) entries are kept for a client that went away and may resume. */
    private volatile long watchedUntilNanos = System.nanoTime();

    EventHub(int ringSize, int queueSize, int maxClients) {
        this.ringSize = ringSize;
        this.queueSize = queueSize;
        this.maxClients = maxClients;
        this.ring = new ArrayDeque<>(ringSize);
    }

    /**
     * How long after its last client left the feed still keeps entries, so an {@code EventSource} that reconnects
     * (browsers retry within seconds) resumes without a gap.
     */
    static final long KEEP_AFTER_LAST_CLIENT_NANOS = TimeUnit.SECONDS.toNanos(60);

    /**
     * Whether anybody watches or may resume soon: only then does the polling thread make an entry object per
     * written entry; otherwise it calls {@link #skip} and the feed costs nothing.
     */
    boolean watched() {
        return !clients.isEmpty() || System.nanoTime() - watchedUntilNanos < 0;
    }

    /**
     * Counts entries written while nobody watched: they take ids, so a client resuming from before them is told
     * how many it missed ({@code event: dropped}); the history kept from before is dropped with them.
     */
    synchronized void skip(long entries) {
        if (entries > 0) {
            nextId += entries;
            ring.clear();
        }
    }

    /** Called on the polling thread for each written entry; never blocks. */
    void publish(SinkEntry entry) {
        Event e;
        synchronized (this) {
            e = new Event(nextId++, entry);
            if (ring.size() == ringSize && ringSize > 0) {
                ring.removeFirst();
            }
            if (ringSize > 0) {
                ring.addLast(e);
            }
        }
        for (Client c : clients) {
            c.offer(e);
        }
    }

    int clientCount() {
        return clients.size();
    }

    long droppedTotal() {
        return dropped.get();
    }

    /**
     * Registers a client, with the ring's events after {@code lastEventId} already queued.
     *
     * @param lastEventId the {@code Last-Event-ID} header, or -1 for a new client (which gets no history)
     * @return the client, or null when {@code maxClients} are connected
     */
    Client connect(long lastEventId) {
        synchronized (this) {
            if (clients.size() >= maxClients) {
                return null;
            }
            Client c = new Client();
            if (lastEventId >= 0) {
                long first = ring.isEmpty() ? nextId : ring.peekFirst().id();
                if (lastEventId + 1 < first) {
                    c.missed.addAndGet(first - lastEventId - 1);
                }
                for (Event e : ring) {
                    if (e.id() > lastEventId) {
                        c.offer(e);
                    }
                }
            }
            clients.add(c);
            watchedUntilNanos = System.nanoTime() + KEEP_AFTER_LAST_CLIENT_NANOS;
            return c;
        }
    }

    /** One connected SSE client. */
    final class Client implements AutoCloseable {
        private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(queueSize);
        private final AtomicLong missed = new AtomicLong();

        private void offer(Event e) {
            if (!queue.offer(e)) {
                missed.incrementAndGet();
                dropped.incrementAndGet();
            }
        }

        /** Entries lost since the last call (queue overflow or history no longer in the ring); resets the count. */
        long takeMissed() {
            return missed.getAndSet(0);
        }

        /** Up to {@code max} events, waiting at most {@code millis} for the first. */
        List<Event> next(int max, long millis) throws InterruptedException {
            List<Event> out = new ArrayList<>();
            Event first = queue.poll(millis, TimeUnit.MILLISECONDS);
            if (first != null) {
                out.add(first);
                queue.drainTo(out, max - 1);
            }
            return out;
        }

        @Override
        public void close() {
            clients.remove(this);
            watchedUntilNanos = System.nanoTime() + KEEP_AFTER_LAST_CLIENT_NANOS;
        }
    }
}
