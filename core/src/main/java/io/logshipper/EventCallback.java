package io.logshipper;

/**
 * Hears what became of one event handed to {@link EventSender#send(Event, EventCallback)}, as Kafka's own
 * {@code Callback} does: called once, on the sender's callback thread ({@code eventsender-<id>-callbacks}), never on
 * the caller's nor on the Kafka producer's I/O thread. Calls are sequential; a slow callback delays the next ones,
 * not sending. A callback that throws is counted ({@link EventStats#callbackFailures()}).
 *
 * <p>Not called for an event {@code send} refused (it returned false): the caller knows already.
 */
@FunctionalInterface
public interface EventCallback {

    /**
     * @param delivery where the broker stored the record, or null when it was not delivered
     * @param failure  why it was not delivered (Kafka's exception, or an {@link EventNotDeliveredException} when
     *                 the sender closed before sending it), or null when it was
     */
    void onCompletion(EventDelivery delivery, Exception failure);
}
