package io.logshipper;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a {@link LogShipper}'s logs are reaching Kafka, as {@link LogShipper#health()} sees it at one moment.
 * Immutable.
 *
 * @param state              the state
 * @param since              when the shipper entered {@code state}, by the shipper's clock
 * @param lastError          the last problem with Kafka, type and message without secrets, or null if none yet;
 *                           kept after the shipper recovers
 * @param lastSuccessfulSend when the broker last acknowledged a message, or null if never
 */
public record ShipperHealth(State state, Instant since, String lastError, Instant lastSuccessfulSend) {

    /** What a shipper's state says about its logs. */
    public enum State {
        /** Built; no message acknowledged yet and no problem seen. */
        STARTING,
        /** The last thing Kafka said was an acknowledgement. */
        CONNECTED,
        /**
         * Sending is failing for a reason that may pass: the broker cannot be reached or does not answer in time,
         * a retriable error, a message refused. Entries wait in the buffer (within its caps) meanwhile.
         */
        DEGRADED,
        /**
         * Kafka refused the shipper's credentials or permissions (an authentication or authorization error): it
         * will not get better without a change of configuration. A later acknowledgement still means CONNECTED.
         */
        FAILED,
        /** Closed; final. */
        STOPPED
    }

    /** Checks that {@code state} and {@code since} are given. */
    public ShipperHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }
}
