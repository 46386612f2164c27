package io.logshipper.testing;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record read back from the broker, with key and value decoded as UTF-8.
 *
 * @param partition the partition it was read from
 * @param offset    its offset in that partition
 * @param key       the key as UTF-8 text, or null
 * @param value     the value as UTF-8 text, or null
 * @param rawValue  the value's bytes, or null
 */
public record ShippedRecord(int partition, long offset, String key, String value, byte[] rawValue) {

    static ShippedRecord of(ConsumerRecord<byte[], byte[]> r) {
        return new ShippedRecord(r.partition(), r.offset(),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
                r.value());
    }
}
