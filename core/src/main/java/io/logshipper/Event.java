package io.logshipper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One application event for an {@link EventSender}: the topic, the key, the value and headers of exactly one Kafka
 * record. Immutable: {@link #withHeader} and {@link #withKey} return a new event. Making one does no work beyond
 * keeping its parts; a {@link #json JSON} value is written when the event is sent.
 *
 * <pre>{@code
 * events.send(Event.of("orders", orderId, payloadJson).withHeader("trace-id", traceId));
 * }</pre>
 */
public final class Event {

    /** How the value was given. */
    enum ValueKind {
        TEXT, BYTES, JSON
    }

    private final String topic;
    private final byte[] key;
    private final Object value;
    private final ValueKind kind;
    private final List<Header> headers;

    private Event(String topic, byte[] key, Object value, ValueKind kind, List<Header> headers) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.kind = kind;
        this.headers = headers;
    }

    /**
     * An event whose value is this text as UTF-8, sent as it is (already JSON, or plain text).
     *
     * @param key   the record's key as UTF-8, or null for none (Kafka then spreads records over partitions)
     * @param value the value, or null for a record without one (a tombstone on a compacted topic)
     */
    public static Event of(String topic, String key, String value) {
        return new Event(topic, utf8(key), value, ValueKind.TEXT, List.of());
    }

    /**
     * An event whose value is these bytes, exactly. They are copied when the event is sent, not before: do not
     * change the array until {@code send} returned.
     *
     * @param key   the record's key as UTF-8, or null for none
     * @param value the value, or null for none
     */
    public static Event of(String topic, String key, byte[] value) {
        return new Event(topic, utf8(key), value, ValueKind.BYTES, List.of());
    }

    /**
     * An event whose value is {@code value} written as JSON (UTF-8) by Jackson, on the thread that sends it: with
     * jackson-databind's {@code ObjectMapper} when it is on the class path (modules found by
     * {@code findAndRegisterModules}), else by logshipper's own writer for maps, lists, arrays, records, enums,
     * strings, numbers, booleans and null. A value that cannot be written is dropped and counted.
     *
     * @param key the record's key as UTF-8, or null for none
     */
    public static Event json(String topic, String key, Object value) {
        return new Event(topic, utf8(key), value, ValueKind.JSON, List.of());
    }

    /** This event with a key of these bytes (null for none) instead. */
    public Event withKey(byte[] key) {
        return new Event(topic, key == null ? null : key.clone(), value, kind, headers);
    }

    /**
     * This event with one more header, its value as UTF-8 (null for a header without a value). Headers keep their
     * order, and a name may appear more than once, as in Kafka.
     *
     * @throws IllegalArgumentException when {@code name} is null
     */
    public Event withHeader(String name, String value) {
        return withHeader(name, utf8(value));
    }

    /**
     * This event with one more header of these bytes (copied).
     *
     * @throws IllegalArgumentException when {@code name} is null
     */
    public Event withHeader(String name, byte[] value) {
        if (name == null) {
            throw new IllegalArgumentException("a header name must not be null");
        }
        List<Header> more = new ArrayList<>(headers.size() + 1);
        more.addAll(headers);
        more.add(new RecordHeader(name, value == null ? null : value.clone()));
        return new Event(topic, key, this.value, kind, Collections.unmodifiableList(more));
    }

    /** The topic it goes to. */
    public String topic() {
        return topic;
    }

    byte[] key() {
        return key;
    }

    Object value() {
        return value;
    }

    ValueKind kind() {
        return kind;
    }

    List<Header> headers() {
        return headers;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Event[topic=" + topic + ", key=" + (key == null ? "null" : key.length + " bytes") + ", "
                + kind.name().toLowerCase(java.util.Locale.ROOT) + " value, " + headers.size() + " headers]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && Objects.equals(topic, e.topic) && Arrays.equals(key, e.key)
                && kind == e.kind && Objects.deepEquals(value, e.value) && headers.equals(e.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(key), kind, headers);
    }
}
