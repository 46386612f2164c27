package io.logshipper.internal.spool;

/**
 * One spooled Kafka message: its place in the spool, the time it was assembled (its Kafka timestamp), how many of
 * its entries the application logged (as opposed to the shipper's notices) and the value exactly as sent.
 */
public record SpoolRecord(long seq, long timestampMillis, int userEntries, byte[] value) {
}
