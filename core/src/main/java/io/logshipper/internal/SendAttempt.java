package io.logshipper.internal;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * One message handed to the producer. The producer reports some failures (no metadata in time, buffer full)
 * through the callback before {@code send} even returns; those are retried by the shipper rather than counted
 * as lost. Everything that completes after the hand-off is counted.
 */
final class SendAttempt implements Callback {

    private static final int SENDING = 0;
    private static final int HANDED_OFF = 1;
    private static final int COMPLETED_EARLY = 2;

    private final EncodedMessage message;
    private final SendOutcome outcome;
    private final AtomicInteger state = new AtomicInteger(SENDING);
    private volatile Exception earlyException;

    SendAttempt(EncodedMessage message, SendOutcome outcome) {
        this.message = message;
        this.outcome = outcome;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (state.compareAndSet(SENDING, COMPLETED_EARLY)) {
            earlyException = exception;
            return;
        }
        outcome.completed(message, exception);
    }

    /**
     * Called by the sender once {@code send} returned.
     *
     * @return false when the message was not taken and should be sent again later
     */
    boolean handedOff() {
        if (state.compareAndSet(SENDING, HANDED_OFF)) {
            outcome.inFlight(message);
            return true;
        }
        Exception e = earlyException;
        if (e instanceof TimeoutException) {
            outcome.notTaken(e);
            return false;
        }
        outcome.inFlight(message);
        outcome.completed(message, e);
        return true;
    }
}
