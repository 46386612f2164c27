package io.logshipper.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
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
     * {@code 1763866657.418} into {@code 1.763866657418E9}) and trailing garbage is an error. Writes DEL and the
     * C1 controls escaped ({@code \u007F}, {@code \u009B}) besides JSON's own escapes, so a JSON line printed
     * to a terminal cannot drive it either.
     */
    static final ObjectMapper JSON = JsonMapper
            .builder(new JsonFactoryBuilder().characterEscapes(new TerminalSafeEscapes()).build())
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
    private boolean rootTried;
    private final String timestampText;
    private JsonNode timestamp;
    private final EnvelopeEntries parsed;
    private List<JsonNode> entries;
    private final long epochMillis;

    private Envelope(String key, byte[] value, JsonNode root, String timestampText, EnvelopeEntries parsed,
                     long epochMillis) {
        this.key = key;
        this.value = value;
        this.root = root;
        this.timestampText = timestampText;
        this.parsed = parsed;
        this.epochMillis = epochMillis;
    }

    /** Reads a record's key and value; never throws, whatever the bytes. */
    static Envelope of(byte[] key, byte[] value) {
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            return new Envelope(keyText, null, null, null, EnvelopeEntries.NONE, 0);
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
            EnvelopeEntries entries = null;
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
                    if (v == JsonToken.START_ARRAY && timestampText != null) {
                        // logshipper writes the messages last: an array of plain strings followed by the closing
                        // brace is read here, byte by byte, without the parser going through it again.
                        int open = (int) p.currentTokenLocation().getByteOffset();
                        EnvelopeEntries plain = PlainArray.atEnd(value, open);
                        if (plain != null) {
                            return envelope(key, value, timestampText, plain);
                        }
                    }
                    entries = v == JsonToken.START_ARRAY ? entries(p, value) : null;
                    p.skipChildren();
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || timestampText == null || entries == null) {
                return null;
            }
            return envelope(key, value, timestampText, entries);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Envelope envelope(String key, byte[] value, String timestampText, EnvelopeEntries entries) {
        BigDecimal seconds = new BigDecimal(timestampText);
        if (seconds.abs().compareTo(MAX_SECONDS) > 0) {
            return null;
        }
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValue();
        return new Envelope(key, value, null, timestampText, entries, millis);
    }

    /** The array's elements, the parser left on its END_ARRAY. */
    private static EnvelopeEntries entries(JsonParser p, byte[] value) throws IOException {
        EnvelopeEntries out = new EnvelopeEntries(128);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("the messages array does not end");
            }
            if (t == JsonToken.VALUE_STRING) {
                int quote = (int) p.currentTokenLocation().getByteOffset();
                int end = quote >= 0 && quote < value.length && value[quote] == '"'
                        ? PlainArray.stringEnd(value, quote + 1) : -1;
                if (end >= 0) {
                    // Not decoded: the parser skips the string at its next token.
                    out.add(null, quote + 1, end);
                } else {
                    out.add(TextNode.valueOf(p.getText()), -1, -1);
                }
            } else {
                out.add(ONE_VALUE.readTree(p), -1, -1);
            }
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
        return new Envelope(key, value, root, null, EnvelopeEntries.NONE, 0);
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

    /**
     * The parsed value, or null when it is not JSON (or null). For an envelope the tree is parsed now; null when
     * the parser's limits refuse what the plain-array reading took (a single string longer than Jackson's maximum).
     */
    JsonNode root() {
        if (root == null && timestampText != null && !rootTried) {
            rootTried = true;
            try {
                root = JSON.readTree(value);
            } catch (IOException | RuntimeException e) {
                root = null;
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
        if (entries == null) {
            List<JsonNode> list = new ArrayList<>(parsed.size);
            for (int i = 0; i < parsed.size; i++) {
                list.add(entry(i));
            }
            entries = java.util.Collections.unmodifiableList(list);
        }
        return entries;
    }

    /** How many entries the envelope holds. */
    int size() {
        return parsed.size;
    }

    /** Entry {@code i}. */
    JsonNode entry(int i) {
        JsonNode node = parsed.nodes[i];
        if (node == null) {
            node = TextNode.valueOf(new String(value, parsed.starts[i], parsed.ends[i] - parsed.starts[i],
                    StandardCharsets.ISO_8859_1));
            parsed.nodes[i] = node;
        }
        return node;
    }

    /**
     * Whether entry {@code i} is text of printable ASCII kept as bytes: then {@link #value()} from
     * {@link #plainStart(int)} to {@link #plainEnd(int)} is its text exactly, safe to print as it is.
     */
    boolean isPlain(int i) {
        return parsed.starts[i] >= 0;
    }

    int plainStart(int i) {
        return parsed.starts[i];
    }

    int plainEnd(int i) {
        return parsed.ends[i];
    }

    /** The value's bytes (not a copy: never change them). */
    byte[] value() {
        return value;
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
