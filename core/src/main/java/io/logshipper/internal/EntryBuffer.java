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
     * What an entry costs on the heap besides its characters: the queue's node (24 bytes), the String (24), its
     * array's header (16) and the array's padding (up to 7). Measured by {@code EntryCost} in benchmarks/: a short
     * string retains its length plus 64-80 bytes.
     */
    private static final int ENTRY_OVERHEAD = 72;
    /**
     * What a structured entry costs besides the characters of its fields: the queue's node, the entry, its
     * {@code Instant}, the message's String and array headers, and the empty MDC and marker collections. Measured
     * by {@code EntryCost}: 163-177 bytes retained for an entry with a 16-character message, whose logger and
     * thread names the logging framework shares.
     */
    private static final int STRUCTURED_OVERHEAD = 160;
    /**
     * One MDC pair or marker besides its characters: its slots in the immutable collection and its Strings'
     * headers (with 32 the JSON corpus of EntryCost retained 1.14x the cap through the Log4j2 appender).
     */
    private static final int FIELD_OVERHEAD = 64;

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
        // Logger and thread names are counted although the framework usually shares them: an entry built by hand
        // may not.
        int size = STRUCTURED_OVERHEAD + e.message().length() + length(e.exception()) + length(e.logger())
                + length(e.thread());
        for (Map.Entry<String, String> m : e.mdc().entrySet()) {
            size += m.getKey().length() + length(m.getValue()) + FIELD_OVERHEAD;
        }
        for (String marker : e.markers()) {
            size += marker.length() + FIELD_OVERHEAD;
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
