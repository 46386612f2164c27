package io.logshipper;

import java.time.Duration;

/**
 * Levels of one {@link LogShipper} at one moment, from {@link LogShipper#gauges()}: how much waits, how old the
 * oldest of it is, and how long deliveries take. Immutable.
 *
 * @param bufferedEntries       entries waiting in the buffer (not those already in a message that Kafka did not
 *                              take, which waits to be sent again)
 * @param bufferedBytes         what they (and a message waiting to be sent again) count against
 *                              {@code maxBufferedBytes}: an estimate of their heap
 * @param oldestUndeliveredAge  an upper bound on the age of the oldest entry accepted and not yet delivered or
 *                              failed (at most about one interval above the true age); zero when nothing waits and
 *                              after close. The best single alert signal: it grows while Kafka cannot be reached
 * @param acknowledgedMessages  messages the broker acknowledged since the shipper was built
 * @param deliveryLatencyTotal  the sum, over those messages, of the time from the start of a message's assembly to
 *                              its acknowledgement; divided by {@code acknowledgedMessages}, the mean latency
 * @param lastDeliveryLatency   that time for the last acknowledged message; zero before the first
 */
public record ShipperGauges(int bufferedEntries, long bufferedBytes, Duration oldestUndeliveredAge,
                            long acknowledgedMessages, Duration deliveryLatencyTotal, Duration lastDeliveryLatency) {

    /** Nothing buffered, nothing acknowledged: the gauges of a shipper that does not exist (yet). */
    public static final ShipperGauges NONE = new ShipperGauges(0, 0, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO);
}
