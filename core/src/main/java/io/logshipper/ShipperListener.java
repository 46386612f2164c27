package io.logshipper;

import java.time.Duration;

/**
 * Hears what a {@link LogShipper} does: the metrics hook, the error hook and a test probe in one. Every method has
 * a no-op default, so a listener implements only what it needs. Register listeners with
 * {@link LogShipperBuilder#listener(ShipperListener)}.
 *
 * <p>Every call is made on the shipper's own thread, never on a logging thread nor on the Kafka producer's I/O
 * thread: what the producer reports is handed to the shipper's thread first, which wakes for it. Calls for one
 * shipper are therefore sequential, in the order things happened, but may come a little after the fact. A
 * listener should return quickly; while it runs, nothing is sent. A listener that throws is counted
 * ({@link ShipperStats#listenerFailures()}), reported once a minute at most, and called again for the next
 * event; it never stops shipping.
 */
public interface ShipperListener {

    /** Why entries were dropped before they could be sent. */
    enum DropReason {
        /** Refused by {@code log}: the buffer held as many entries or bytes as allowed. */
        BUFFER_FULL,
        /** Refused by {@code log}: the shipper was closed or closing. */
        CLOSED,
        /** Could not be rendered (a layout, {@code toString()} or adapter that threw). */
        UNRENDERABLE,
        /** Assembled into a message the disk spool refused: it held {@code spoolMaxBytes}, or writing failed. */
        SPOOL_FULL
    }

    /** The shipper's thread started; nothing has been sent yet. */
    default void started(String programId) {
    }

    /**
     * The shipper's thread is about to end, after close; the last call this listener receives from the shipper.
     * Not called when the thread stays stuck in the Kafka producer past the close budget until the JVM exits.
     *
     * @param stats the counts at the end
     */
    default void stopped(String programId, ShipperStats stats) {
    }

    /**
     * The broker acknowledged a message.
     *
     * @param entries the application's entries in it (the shipper's own notices not counted)
     * @param bytes   the size of the message value
     * @param latency from when the shipper's thread began assembling the message to the broker's acknowledgement.
     *                The oldest entry may have waited up to one interval longer in the buffer: measuring from
     *                each entry's acceptance would cost the logging thread a clock read per entry.
     */
    default void messageSent(String programId, int entries, int bytes, Duration latency) {
    }

    /**
     * The producer gave up on a message or refused it for good (authentication, authorization, too large...); its
     * entries count as failed. Not called for a message that is kept and sent again.
     *
     * @param entries the application's entries in it
     * @param cause   what Kafka reported
     */
    default void messageFailed(String programId, int entries, Throwable cause) {
    }

    /**
     * Entries were dropped since the previous call for the same reason. Drops are counted on the logging thread
     * without calling anything; the shipper's thread reports them in batches, at the latest when it next wakes.
     *
     * @param count how many, at least 1
     */
    default void entriesDropped(String programId, DropReason reason, long count) {
    }

    /** The shipper's {@linkplain LogShipper#health() health} changed state. */
    default void healthChanged(String programId, ShipperHealth previous, ShipperHealth current) {
    }
}
