package io.logshipper;

/**
 * Counters of one {@link LogShipper} since it was built. Every entry offered is either accepted or refused
 * (dropped: buffer full, or closed); an accepted entry is eventually delivered, failed, dropped as unrenderable on
 * the shipper's thread, or still undelivered ({@link #undelivered()} counts all but the delivered). Entries are not dropped for being
 * too large: those are cut to fit a message, with a visible marker.
 *
 * @param accepted            entries taken into the buffer
 * @param dropped             entries refused or lost before sending, for any reason: the sum of the three below
 *                            and of the entries the disk spool refused, which have no field of their own yet (for
 *                            stats made with the six-argument constructor, which has no breakdown, the total alone)
 * @param delivered           entries the broker acknowledged
 * @param failed              entries in messages the producer gave up on
 * @param messagesSent        messages handed to the producer
 * @param messagesFailed      messages the producer gave up on
 * @param droppedBufferFull   entries refused because the buffer was full
 * @param droppedClosed       entries refused because the shipper was closed or closing
 * @param droppedUnrenderable entries (or adapter events, see {@link LogShipper#unrenderable}) that could not be
 *                            rendered
 * @param listenerFailures    calls to a {@link ShipperListener} that threw
 */
public record ShipperStats(long accepted, long dropped, long delivered, long failed, long messagesSent,
                           long messagesFailed, long droppedBufferFull, long droppedClosed,
                           long droppedUnrenderable, long listenerFailures) {

    /** Stats without a count of listener failures (0), as before listeners existed. */
    public ShipperStats(long accepted, long dropped, long delivered, long failed, long messagesSent,
                        long messagesFailed, long droppedBufferFull, long droppedClosed, long droppedUnrenderable) {
        this(accepted, dropped, delivered, failed, messagesSent, messagesFailed, droppedBufferFull, droppedClosed,
                droppedUnrenderable, 0);
    }

    /** Stats without a breakdown of drops by reason (the per-reason counts are 0), e.g. a sum over shippers. */
    public ShipperStats(long accepted, long dropped, long delivered, long failed, long messagesSent,
                        long messagesFailed) {
        this(accepted, dropped, delivered, failed, messagesSent, messagesFailed, 0, 0, 0, 0);
    }

    /** Accepted entries that were not (yet) delivered. */
    public long undelivered() {
        return accepted - delivered;
    }
}
