package io.logshipper;

/**
 * Where the broker stored an event's record.
 *
 * @param topic     the topic
 * @param partition the partition
 * @param offset    the record's offset in that partition
 * @param timestamp the record's timestamp, epoch milliseconds
 */
public record EventDelivery(String topic, int partition, long offset, long timestamp) {
}
