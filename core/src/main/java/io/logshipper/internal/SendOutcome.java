package io.logshipper.internal;

/**
 * What became of one {@link SendAttempt}: either {@link #notTaken}, or {@link #inFlight} and later
 * {@link #completed}.
 */
interface SendOutcome {

    /** The producer took the message; {@link #completed} follows. Called on the shipper's thread. */
    void inFlight(EncodedMessage message);

    /** The producer refused the message before taking it (no metadata in time, its buffer full); it is sent again. */
    void notTaken(Exception e);

    /**
     * The broker acknowledged the message, or the producer gave up on it ({@code exception} not null). Called on the
     * producer's I/O thread, or on the shipper's for a failure reported during {@code send}.
     */
    void completed(EncodedMessage message, Exception exception);
}
