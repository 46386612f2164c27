package io.logshipper.internal;

import java.util.Arrays;

/**
 * One message value: assembled in the encoder's reusable buffer (the envelope's head, entries separated by
 * commas), then {@linkplain #value() sealed} into an array of its exact size with the closing {@code ]}}.
 * Knows its size at every step so it never grows past the limit. Used only by the shipper's thread, except for
 * the entry counts, the sealed size and the assembly time, which the producer's callback reads.
 */
final class EncodedMessage {

    static final byte[] TAIL = {']', '}'};

    /** The buffer messages are assembled in, one at a time; it grows up to the largest message and is kept. */
    static final class Assembly {
        private static final int INITIAL = 4096;
        private byte[] bytes = new byte[INITIAL];

        /** Lets go of a grown buffer, e.g. while messages wait out an outage and nothing is assembled. */
        void shrink() {
            if (bytes.length > INITIAL) {
                bytes = new byte[INITIAL];
            }
        }
    }

    private final Assembly assembly;
    private final int maxBytes;
    private int length;
    private int entries;
    private int userEntries;
    /** The sealed value; null while assembling, and again once Kafka has taken it. */
    private byte[] value;
    private boolean sealed;
    /** System.nanoTime when assembly began, for the listeners' latency. */
    private final long assembledNanos = System.nanoTime();
    private int sealedBytes;
    /** System.nanoTime before which none of its entries was accepted; see {@link DeliveryAges}. */
    private long entriesSinceNanos = assembledNanos;
    /** The message's seq in the disk spool; -1 when it is not spooled. */
    private long spoolSeq = -1;

    EncodedMessage(byte[] head, int maxBytes, Assembly assembly) {
        this.assembly = assembly;
        this.maxBytes = maxBytes;
        ensure(head.length + TAIL.length);
        System.arraycopy(head, 0, assembly.bytes, 0, head.length);
        this.length = head.length;
    }

    /** A message read back from the disk spool, sealed as it was written. */
    static EncodedMessage spooled(long seq, byte[] value, int userEntries) {
        EncodedMessage m = new EncodedMessage(value.length);
        m.value = value;
        m.sealed = true;
        m.sealedBytes = value.length;
        m.userEntries = userEntries;
        m.entries = userEntries;
        m.spoolSeq = seq;
        return m;
    }

    /** The message's seq in the disk spool, or -1. */
    long spoolSeq() {
        return spoolSeq;
    }

    private EncodedMessage(int length) {
        this.assembly = null;
        this.maxBytes = length;
        this.length = length;
    }

    /** Whether an entry of this many bytes still fits. */
    boolean fits(int entryBytes) {
        return length + (entries > 0 ? 1 : 0) + entryBytes + TAIL.length <= maxBytes;
    }

    void add(byte[] entry, int entryLength, boolean fromUser) {
        if (sealed) {
            throw new IllegalStateException("message already sealed");
        }
        ensure(length + 1 + entryLength + TAIL.length);
        byte[] bytes = assembly.bytes;
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

    private void ensure(int needed) {
        if (needed > assembly.bytes.length) {
            assembly.bytes = Arrays.copyOf(assembly.bytes,
                    Math.max(needed, (int) Math.min(maxBytes, 2L * assembly.bytes.length)));
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
        return length + TAIL.length + 16L;
    }

    /**
     * The finished value. The first call seals the message: the assembly buffer is left for the next message,
     * and the same array is returned until {@link #taken()}.
     */
    byte[] value() {
        if (!sealed) {
            value = Arrays.copyOf(assembly.bytes, length + TAIL.length);
            System.arraycopy(TAIL, 0, value, length, TAIL.length);
            sealedBytes = value.length;
            sealed = true;
        }
        if (value == null) {
            throw new IllegalStateException("message already taken by Kafka");
        }
        return value;
    }

    /** The size of the sealed value; 0 before {@link #value()}. */
    int bytes() {
        return sealedBytes;
    }

    /** When assembly began, in {@link System#nanoTime()}. */
    long assembledNanos() {
        return assembledNanos;
    }

    /** Notes that none of its entries was accepted before {@code nanos} (System.nanoTime). */
    EncodedMessage entriesSince(long nanos) {
        entriesSinceNanos = nanos;
        return this;
    }

    /** System.nanoTime before which none of its entries was accepted. */
    long entriesSinceNanos() {
        return entriesSinceNanos;
    }

    /** Kafka copied the value into its own batch; the array need not outlive the send. */
    void taken() {
        value = null;
    }
}
