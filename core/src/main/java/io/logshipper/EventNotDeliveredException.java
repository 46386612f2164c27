package io.logshipper;

/**
 * Why an event was not delivered when Kafka itself reported nothing: {@link EventSender#sendAsync} refused it (the
 * buffer was full, the sender closed, the event too large or its value not writable as JSON), or the sender closed
 * before it could be sent. Carries no stack trace.
 */
public final class EventNotDeliveredException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason what happened, e.g. {@code dropped: the event buffer was full} */
    public EventNotDeliveredException(String reason) {
        super(reason, null, false, false);
    }
}
