package io.logshipper;

import java.util.Map;

/**
 * Counters of one {@link EventSender} since it was built. Every event offered is either accepted or dropped; an
 * accepted event is eventually delivered, failed, or still undelivered ({@link #undelivered()} counts all but the
 * delivered).
 *
 * @param accepted              events taken into the buffer
 * @param dropped               events refused by {@code send}, the sum of the four below
 * @param delivered             events the broker acknowledged
 * @param failed                accepted events Kafka refused or gave up on
 * @param droppedBufferFull     refused because the buffer held as many events or bytes as allowed
 * @param droppedClosed         refused because the sender was closed or closing
 * @param droppedTooLarge       refused because key, value and headers together passed {@code maxMessageBytes}
 * @param droppedUnserializable refused because the value could not be written as JSON
 * @param callbackFailures      callbacks (and stages' completions) that threw
 * @param byTopic               the same counts per topic, for at most 1,000 topics (the rest are counted under
 *                              {@value #OTHER_TOPICS})
 */
public record EventStats(long accepted, long dropped, long delivered, long failed, long droppedBufferFull,
                         long droppedClosed, long droppedTooLarge, long droppedUnserializable, long callbackFailures,
                         Map<String, Topic> byTopic) {

    /** The name the topics beyond the first 1,000 are counted under. */
    public static final String OTHER_TOPICS = "(other topics)";

    /** Copies {@code byTopic}. */
    public EventStats {
        byTopic = Map.copyOf(byTopic);
    }

    /** Accepted events that were not (yet) delivered. */
    public long undelivered() {
        return accepted - delivered;
    }

    /**
     * One topic's counts.
     *
     * @param accepted  events taken into the buffer
     * @param dropped   events refused by {@code send}, for any reason
     * @param delivered events the broker acknowledged
     * @param failed    accepted events Kafka refused or gave up on
     */
    public record Topic(long accepted, long dropped, long delivered, long failed) {
    }
}
