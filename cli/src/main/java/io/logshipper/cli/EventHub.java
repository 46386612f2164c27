package io.logshipper.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * <p>
 * Memory is bounded by characters as well as by count: an event keeps at most {@value #MAX_EVENT_CHARS} characters
 * of an entry's text (the sinks still get all of it), the history at most {@value #MAX_HISTORY_CHARS} and each
 * client's queue at most {@value #MAX_CLIENT_CHARS}; beyond that the oldest history goes and the client is told
 * {@code dropped}. Counting entries alone let a run of multi-megabyte values fill the heap.
 */
final class EventHub {

    /**
     * One event: its id and entry. The JSON {@code data} payload is made by the client's own thread when it is
     * sent, so the polling thread pays nothing for the feed while nobody watches.
     */
    record Event(long id, SinkEntry entry, long chars) {
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

    /** The most characters of an entry's text an event keeps; the rest is cut and said so. */
    static final int MAX_EVENT_CHARS = 16 * 1024;
    /** The most characters of a program id or logger name an event keeps. */
    static final int MAX_NAME_CHARS = 1024;
    /** The most characters the {@code Last-Event-ID} history holds, whatever {@code --events-history} says. */
    static final long MAX_HISTORY_CHARS = 8L * 1024 * 1024;
    /** The most characters queued for one client before it is told {@code dropped}. */
    static final long MAX_CLIENT_CHARS = 4L * 1024 * 1024;

    private final int ringSize;
    private final int queueSize;
    private final int maxClients;
    private final ArrayDeque<Event> ring;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private long nextId = 1;
    private long historyChars;
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
            historyChars = 0;
        }
    }

    /** Called on the polling thread for each written entry; never blocks. */
    void publish(SinkEntry entry) {
        SinkEntry kept = bounded(entry);
        long chars = length(kept.text()) + length(kept.program()) + length(kept.logger()) + length(kept.level());
        Event e;
        synchronized (this) {
            e = new Event(nextId++, kept, chars);
            if (ringSize > 0) {
                while (!ring.isEmpty() && (ring.size() >= ringSize || historyChars + chars > MAX_HISTORY_CHARS)) {
                    historyChars -= ring.removeFirst().chars();
                }
                ring.addLast(e);
                historyChars += chars;
            }
        }
        for (Client c : clients) {
            c.offer(e);
        }
    }

    /**
     * The entry as the feed keeps it: text, program and logger cut to their bounds; no formatted line and no
     * headers, which the feed does not send.
     */
    static SinkEntry bounded(SinkEntry e) {
        return new SinkEntry(cut(e.program(), MAX_NAME_CHARS), e.time(), cut(e.level(), MAX_NAME_CHARS),
                cut(e.logger(), MAX_NAME_CHARS), Map.of(), cut(e.text(), MAX_EVENT_CHARS), null, e.topic(),
                e.partition(), e.offset(), e.malformed());
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "… (" + (s.length() - end) + " more characters, cut in the live feed only)";
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
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
        private final AtomicLong queuedChars = new AtomicLong();

        private void offer(Event e) {
            if (queuedChars.get() + e.chars() > MAX_CLIENT_CHARS || !queue.offer(e)) {
                missed.incrementAndGet();
                dropped.incrementAndGet();
                return;
            }
            queuedChars.addAndGet(e.chars());
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
            long chars = 0;
            for (Event e : out) {
                chars += e.chars();
            }
            queuedChars.addAndGet(-chars);
            return out;
        }

        @Override
        public void close() {
            clients.remove(this);
            watchedUntilNanos = System.nanoTime() + KEEP_AFTER_LAST_CLIENT_NANOS;
        }
    }
}
