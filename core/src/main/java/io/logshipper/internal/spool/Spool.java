package io.logshipper.internal.spool;

import java.util.function.Consumer;

/**
 * Where assembled messages wait for Kafka's acknowledgement: on disk ({@link DiskSpool}) when {@code spool.dir} is
 * set, nowhere ({@link #OFF}) otherwise. Used on the shipper's thread only, except {@link #completed}, which the
 * producer's I/O thread calls.
 */
public interface Spool {

    /** What {@link #append} returns when the spool has no room for the message. */
    long FULL = -1;
    /** What {@link #append} returns when writing the message failed. */
    long WRITE_FAILED = -2;

    /** No spool: {@link #isOn()} is false and nothing else is called. */
    Spool OFF = new Spool() {
        @Override
        public boolean isOn() {
            return false;
        }

        @Override
        public long append(long timestampMillis, byte[] value, int userEntries) {
            return -1;
        }

        @Override
        public SpoolRecord nextToSend() {
            return null;
        }

        @Override
        public void notTaken(long seq) {
        }

        @Override
        public void completed(long seq, boolean done) {
        }

        @Override
        public boolean hasWork() {
            return false;
        }

        @Override
        public boolean waitsToRetry() {
            return false;
        }

        @Override
        public boolean fromEarlierRun(long seq) {
            return false;
        }

        @Override
        public void maintain() {
        }

        @Override
        public void takeNotices(Consumer<String> notice) {
        }

        @Override
        public void closing() {
        }

        @Override
        public void close() {
        }
    };

    /** Whether messages go through the spool. */
    boolean isOn();

    /**
     * Writes a message to the spool (synced as the policy says) before anything is sent.
     *
     * @return its seq; {@link #FULL} when it does not fit (the caller keeps it and tries again once messages were
     *         acknowledged); {@link #WRITE_FAILED} when the disk failed (a notice says why)
     */
    long append(long timestampMillis, byte[] value, int userEntries);

    /** The next message to hand to Kafka, oldest first, or null when there is none or too many are in flight. */
    SpoolRecord nextToSend();

    /** The producer did not take the message {@link #nextToSend} gave; it is given again first. */
    void notTaken(long seq);

    /**
     * Kafka is done with a message: acknowledged, or refused for good ({@code done}), or failed in a way that is
     * worth another try ({@code done} false: it is sent again after a back-off, in order). Any thread.
     */
    void completed(long seq, boolean done);

    /** Whether the shipper's thread has spool work: messages to send, or acknowledgements to record. */
    boolean hasWork();

    /** Whether messages wait out the back-off after a failure, so that sending should pause. */
    boolean waitsToRetry();

    /** Whether a message was spooled by an earlier run of the program (its entries were counted there). */
    boolean fromEarlierRun(long seq);

    /** Records acknowledgements: persists the watermark, deletes segments that are wholly acknowledged. */
    void maintain();

    /** Hands {@code notice} what the spool has to say in-band (what recovery skipped, refusals) since the last call. */
    void takeNotices(Consumer<String> notice);

    /**
     * The shipper is closing: from now on the cap may be passed by up to one segment, so that what is still
     * buffered, and the notice of what the full spool refused, reach the disk for the next start.
     */
    void closing();

    /** Persists the watermark, syncs, lets go of the files and the lock; the unacknowledged stay. Never throws. */
    void close();
}
