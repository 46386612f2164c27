package io.logshipper.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.logshipper.WireFormat;

/**
 * One Kafka message read back: its key and value, and, when the value is a logshipper envelope
 * {@code {"timestamp": <float>, "messages": [...]}}, the parsed parts.
 *
 * <p>An envelope is read with Jackson's streaming parser, not as a tree: text entries become {@link TextNode}s
 * straight from the parser, object entries are read as trees, and the whole value's text and tree are made only
 * when asked for ({@link #text()}, {@link #root()}). This is the aggregator's hot path: a tree of every message
 * cost more than everything else it does per entry. A value that is not an envelope is parsed as a tree, as
 * before, to say what it is.
 */
final class Envelope {

    /**
     * Parses like Python's {@code json.loads}: floats keep their exact digits (so output never turns
     * {@code 1763866657.418} into {@code 1.763866657418E9}) and trailing garbage is an error.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads one value out of a larger document: no trailing-token check there. */
    private static final ObjectReader ONE_VALUE = JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Timestamps beyond this many seconds from the epoch (about the year 5138) make a value no logshipper message:
     * {@code 1e999999999} would otherwise cost a billion-digit number to turn into milliseconds.
     */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(100_000_000_000L);

    private final String key;
    private final byte[] value;
    private String text;
    private JsonNode root;
    private final String timestampText;
    private JsonNode timestamp;
    private final List<JsonNode> entries;
    private final long epochMillis;

    private Envelope(String key, byte[] value, JsonNode root, String timestampText, List<JsonNode> entries,
                     long epochMillis) {
        this.key = key;
        this.value = value;
        this.root = root;
        this.timestampText = timestampText;
        this.entries = entries;
        this.epochMillis = epochMillis;
    }

    /** Reads a record's key and value; never throws, whatever the bytes. */
    static Envelope of(byte[] key, byte[] value) {
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            return new Envelope(keyText, null, null, null, List.of(), 0);
        }
        Envelope streamed = stream(keyText, value);
        return streamed != null ? streamed : asTree(keyText, value);
    }

    /** The envelope read with the streaming parser, or null when the value is anything else (or broken). */
    private static Envelope stream(String key, byte[] value) {
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String timestampText = null;
            List<JsonNode> entries = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (WireFormat.TIMESTAMP_FIELD.equals(field)) {
                    // The last of repeated fields wins, as in a tree.
                    timestampText = v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT
                            ? p.getText() : null;
                    p.skipChildren();
                } else if (WireFormat.MESSAGES_FIELD.equals(field)) {
                    entries = v == JsonToken.START_ARRAY ? entries(p) : null;
                    p.skipChildren();
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || timestampText == null || entries == null) {
                return null;
            }
            BigDecimal seconds = new BigDecimal(timestampText);
            if (seconds.abs().compareTo(MAX_SECONDS) > 0) {
                return null;
            }
            long millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValue();
            return new Envelope(key, value, null, timestampText, entries, millis);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The array's elements, the parser left on its END_ARRAY. */
    private static List<JsonNode> entries(JsonParser p) throws IOException {
        List<JsonNode> out = new ArrayList<>(128);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("the messages array does not end");
            }
            out.add(t == JsonToken.VALUE_STRING ? TextNode.valueOf(p.getText()) : ONE_VALUE.readTree(p));
        }
        return out;
    }

    /** A value that is not an envelope: parsed as a tree, if it is JSON at all, to say what it is. */
    private static Envelope asTree(String key, byte[] value) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException | RuntimeException e) {
            root = null;
        }
        if (root != null && root.isMissingNode()) {
            root = null;
        }
        return new Envelope(key, value, root, null, List.of(), 0);
    }

    /** The key as UTF-8 text, or null. */
    String key() {
        return key;
    }

    /** The value as UTF-8 text, or null for a null value. */
    String text() {
        if (text == null && value != null) {
            text = new String(value, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The parsed value, or null when it is not JSON (or null). */
    JsonNode root() {
        if (root == null && timestampText != null) {
            try {
                root = JSON.readTree(value);
            } catch (IOException e) {
                throw new IllegalStateException("an envelope read once no longer parses", e);
            }
        }
        return root;
    }

    /** The envelope's {@code timestamp} as it was written, or null when this is not a logshipper message. */
    JsonNode timestamp() {
        if (timestamp == null && timestampText != null) {
            try {
                timestamp = JSON.readTree(timestampText);
            } catch (IOException e) {
                throw new IllegalStateException("a timestamp read once no longer parses", e);
            }
        }
        return timestamp;
    }

    /** The envelope's {@code messages}; empty when this is not a logshipper message. */
    List<JsonNode> entries() {
        return entries;
    }

    /** Whether the value is a logshipper envelope. */
    boolean isLogshipper() {
        return timestampText != null;
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
        return epochMillis;
    }
}
