package io.logshipper.internal;

import java.util.List;

import org.apache.kafka.common.header.Header;

import io.logshipper.EventCallback;

/**
 * An event as its record will be: the topic, key, value and header bytes, exactly as given, plus who hears the
 * outcome.
 *
 * @param tally    its topic's counts
 * @param callback called on the callback thread with the outcome, or null
 * @param size     what it counts against the buffer's byte cap
 */
public record QueuedEvent(EventCounters.TopicTally tally, String topic, byte[] key, byte[] value, List<Header> headers,
                          EventCallback callback, int size) {

    /** What an event costs on the heap besides its bytes: the queue's node, this record, the arrays' headers. */
    static final int OVERHEAD = 128;

    /** The size of an event of these parts, as counted against the caps and {@code maxMessageBytes}. */
    public static long sizeOf(byte[] key, byte[] value, List<Header> headers) {
        long size = OVERHEAD + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header h : headers) {
            size += 2L * h.key().length() + (h.value() == null ? 0 : h.value().length) + 32;
        }
        return size;
    }
}
