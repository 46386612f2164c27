package io.logshipper.cli;

import java.io.IOException;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import io.logshipper.WireFormat;

/**
 * One Kafka message read back: its key and value, and, when the value is a logshipper envelope
 * {@code {"timestamp": <float>, "messages": [...]}}, the parsed parts.
 *
 * @param key       the key as UTF-8 text, or null
 * @param text      the value as UTF-8 text, or null for a null value
 * @param root      the parsed value, or null when it is not JSON
 * @param timestamp the envelope's {@code timestamp}, or null when this is not a logshipper message
 * @param entries   the envelope's {@code messages}; empty when this is not a logshipper message
 */
record Envelope(String key, String text, JsonNode root, JsonNode timestamp, List<JsonNode> entries) {

    /**
     * Parses like Python's {@code json.loads}: floats keep their exact digits (so output never turns
     * {@code 1763866657.418} into {@code 1.763866657418E9}) and trailing garbage is an error.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads a record's key and value; never throws, whatever the bytes. */
    static Envelope of(byte[] key, byte[] value) {
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            return new Envelope(keyText, null, null, null, List.of());
        }
        String text = new String(value, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException | RuntimeException e) {
            return new Envelope(keyText, text, null, null, List.of());
        }
        if (root == null || root.isMissingNode()) {
            return new Envelope(keyText, text, null, null, List.of());
        }
        JsonNode timestamp = root.get(WireFormat.TIMESTAMP_FIELD);
        JsonNode messages = root.get(WireFormat.MESSAGES_FIELD);
        if (!root.isObject() || timestamp == null || !timestamp.isNumber() || messages == null || !messages.isArray()) {
            return new Envelope(keyText, text, root, null, List.of());
        }
        List<JsonNode> entries = new ArrayList<>(messages.size());
        messages.forEach(entries::add);
        return new Envelope(keyText, text, root, timestamp, List.copyOf(entries));
    }

    /** Whether the value is a logshipper envelope. */
    boolean isLogshipper() {
        return timestamp != null;
    }

    /** Whether the key has the form {@code <programId>_log}. */
    boolean hasLogKey() {
        return WireFormat.isLogKey(key);
    }

    /** The program id from the key {@code <programId>_log}; the key itself when it has another form. */
    String program() {
        return WireFormat.programIdOf(key);
    }

    /** The message time in epoch milliseconds. */
    long epochMillis() {
        return timestamp.decimalValue().movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValue();
    }
}
