package io.logshipper.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.logshipper.spi.DeferredEntry;
import io.logshipper.LogEntry;

/**
 * The hand-off between logging threads and the shipper's thread: any number of threads offer, one thread
 * polls. Bounded by entries and by characters of entry text; an offer that would pass either cap is refused,
 * never waited on (the caller counts it).
 */
public final class EntryBuffer {

    /**
     * What an entry costs on the heap besides its characters: the queue's node (24 bytes), the String (24) and its
     * array's header (16). With a smaller figure the cap let the heap grow to several times the configured bytes
     * for short entries (benchmarks/run.sh, scenario 4).
     */
    private static final int ENTRY_OVERHEAD = 64;

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger entries = new AtomicInteger();
    private final AtomicLong chars = new AtomicLong();
    private final int maxEntries;
    private final long maxChars;
    private final long flushChars;
    private final int flushEntries;

    /**
     * @param maxEntries   cap on entries held
     * @param maxChars     cap on characters of entry text held
     * @param messageChars characters that make a full message: reaching them asks for an early send
     */
    public EntryBuffer(int maxEntries, long maxChars, long messageChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
        this.flushChars = Math.min(messageChars, maxChars / 2);
        this.flushEntries = Math.max(1, maxEntries / 2);
    }

    /** What an entry counts against the character cap. */
    public static int sizeOf(Object entry) {
        if (entry instanceof String) {
            return ((String) entry).length() + ENTRY_OVERHEAD;
        }
        if (entry instanceof DeferredEntry deferred) {
            return Math.max(0, deferred.sizeEstimate()) + ENTRY_OVERHEAD;
        }
        LogEntry e = (LogEntry) entry;
        int size = ENTRY_OVERHEAD * 4 + e.message().length() + length(e.exception()) + length(e.logger())
                + length(e.thread());
        for (Map.Entry<String, String> m : e.mdc().entrySet()) {
            size += m.getKey().length() + length(m.getValue()) + ENTRY_OVERHEAD;
        }
        for (String marker : e.markers()) {
            size += marker.length() + ENTRY_OVERHEAD;
        }
        return size;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /**
     * Takes the entry unless a cap would be passed.
     *
     * @return whether the entry was taken
     */
    public boolean offer(Object entry) {
        int size = sizeOf(entry);
        if (entries.incrementAndGet() > maxEntries) {
            entries.decrementAndGet();
            return false;
        }
        if (chars.addAndGet(size) > maxChars) {
            chars.addAndGet(-size);
            entries.decrementAndGet();
            return false;
        }
        queue.offer(entry);
        return true;
    }

    /**
     * Counts {@code bytes} held outside the queue (a message that Kafka did not take and that waits to be sent
     * again) against the cap, so that entries and the retried message together stay within it.
     */
    public void hold(long bytes) {
        chars.addAndGet(bytes);
    }

    /** Gives back what {@link #hold} counted. */
    public void release(long bytes) {
        chars.addAndGet(-bytes);
    }

    /** The oldest entry without removing it, or null when empty. Only the shipper's thread calls this. */
    public Object peek() {
        return queue.peek();
    }

    /** Removes and returns the oldest entry, or null when empty. Only the shipper's thread calls this. */
    public Object poll() {
        Object e = queue.poll();
        if (e != null) {
            chars.addAndGet(-sizeOf(e));
            entries.decrementAndGet();
        }
        return e;
    }

    /** What is held now against the byte cap: entries' estimated heap, and a message held to be sent again. */
    public long heldBytes() {
        return chars.get();
    }

    /** Entries held now. */
    public int size() {
        return entries.get();
    }

    /** Whether enough is held for a full message, so the shipper should send before its interval ends. */
    public boolean wantsFlush() {
        return chars.get() >= flushChars || entries.get() >= flushEntries;
    }
}
