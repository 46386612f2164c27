package io.logshipper;

/**
 * Counters of one {@link LogShipper} since it was built. Every entry offered is either accepted or dropped;
 * every accepted entry is eventually delivered, failed, or still undelivered.
 *
 * @param accepted        entries taken into the buffer
 * @param dropped         entries refused because the buffer was full or the shipper closed
 * @param delivered       entries the broker acknowledged
 * @param failed          entries in messages the producer gave up on
 * @param messagesSent    messages handed to the producer
 * @param messagesFailed  messages the producer gave up on
 */
public record ShipperStats(long accepted, long dropped, long delivered, long failed, long messagesSent,
                           long messagesFailed) {

    /** Accepted entries that were not (yet) delivered. */
    public long undelivered() {
        return accepted - delivered;
    }
}
