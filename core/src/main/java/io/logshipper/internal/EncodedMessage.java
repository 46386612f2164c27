package io.logshipper.internal;

import java.util.Arrays;

/**
 * One message value being assembled: the envelope's head, entries separated by commas, and the closing
 * {@code ]}}. Knows its size at every step so it never grows past the limit.
 */
final class EncodedMessage {

    private static final byte[] TAIL = {']', '}'};

    private byte[] bytes;
    private int length;
    private int entries;
    private int userEntries;
    private final int maxBytes;

    EncodedMessage(byte[] head, int maxBytes) {
        this.bytes = Arrays.copyOf(head, Math.max(256, head.length * 2));
        this.length = head.length;
        this.maxBytes = maxBytes;
    }

    /** Whether an entry of this many bytes still fits. */
    boolean fits(int entryBytes) {
        return length + (entries > 0 ? 1 : 0) + entryBytes + TAIL.length <= maxBytes;
    }

    void add(byte[] entry, int entryLength, boolean fromUser) {
        int needed = length + 1 + entryLength + TAIL.length;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, Math.min(maxBytes, bytes.length * 2)));
        }
        if (entries > 0) {
            bytes[length++] = ',';
        }
        System.arraycopy(entry, 0, bytes, length, entryLength);
        length += entryLength;
        entries++;
        if (fromUser) {
            userEntries++;
        }
    }

    int entries() {
        return entries;
    }

    /** Entries the application logged, as opposed to the shipper's own notices. */
    int userEntries() {
        return userEntries;
    }

    /** The heap this message holds while it waits to be sent again. */
    long heapBytes() {
        return bytes.length + 16L;
    }

    /** The finished value. */
    byte[] toBytes() {
        byte[] out = Arrays.copyOf(bytes, length + TAIL.length);
        System.arraycopy(TAIL, 0, out, length, TAIL.length);
        return out;
    }
}
