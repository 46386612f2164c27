package io.logshipper.cli;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
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
            .builder(new JsonFactoryBuilder().characterEscapes(new TerminalSafe()).build())
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** JSON's escapes plus DEL and U+0080 to U+009F. */
    private static final class TerminalSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        TerminalSafe() {
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch >= 0x80 && ch <= 0x9f ? new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch)) : null;
        }
    }

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
    private final Entries parsed;
    private List<JsonNode> entries;
    private final long epochMillis;

    private Envelope(String key, byte[] value, JsonNode root, String timestampText, Entries parsed,
                     long epochMillis) {
        this.key = key;
        this.value = value;
        this.root = root;
        this.timestampText = timestampText;
        this.parsed = parsed;
        this.epochMillis = epochMillis;
    }

    /**
     * The entries of the messages array. A text entry of printable ASCII without escapes (most log lines) is kept
     * as where its bytes are in the value: the JSON string's bytes are then exactly the entry's text, so it can be
     * copied to a file as it is, and becomes a {@link String} only when something asks for one.
     */
    private static final class Entries {
        static final Entries NONE = new Entries(0);

        private JsonNode[] nodes;
        /** Per entry, where its text starts in the value, or -1 when {@link #nodes} holds it. */
        private int[] starts;
        private int[] ends;
        private int size;

        Entries(int capacity) {
            nodes = new JsonNode[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
        }

        void add(JsonNode node, int start, int end) {
            if (size == nodes.length) {
                int n = Math.max(16, size * 2);
                nodes = java.util.Arrays.copyOf(nodes, n);
                starts = java.util.Arrays.copyOf(starts, n);
                ends = java.util.Arrays.copyOf(ends, n);
            }
            nodes[size] = node;
            starts[size] = start;
            ends[size] = end;
            size++;
        }
    }

    /** Reads a record's key and value; never throws, whatever the bytes. */
    static Envelope of(byte[] key, byte[] value) {
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            return new Envelope(keyText, null, null, null, Entries.NONE, 0);
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
            Entries entries = null;
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
                        Entries plain = plainArrayAtEnd(value, (int) p.currentTokenLocation().getByteOffset());
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

    private static Envelope envelope(String key, byte[] value, String timestampText, Entries entries) {
        BigDecimal seconds = new BigDecimal(timestampText);
        if (seconds.abs().compareTo(MAX_SECONDS) > 0) {
            return null;
        }
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValue();
        return new Envelope(key, value, null, timestampText, entries, millis);
    }

    /**
     * The entries of the array opening at {@code open}, when it holds only plain strings ({@link #plainStringEnd})
     * and nothing but the object's closing brace (and whitespace) follows it; null otherwise, and the parser reads
     * it instead. Everything before the array was read by the parser.
     */
    private static Entries plainArrayAtEnd(byte[] v, int open) {
        if (open < 0 || open >= v.length || v[open] != '[') {
            return null;
        }
        Entries out = new Entries(128);
        int i = skipSpace(v, open + 1);
        if (i < v.length && v[i] == ']') {
            return closesObject(v, i + 1) ? out : null;
        }
        while (true) {
            if (i >= v.length || v[i] != '"') {
                return null;
            }
            int end = plainStringEnd(v, i + 1);
            if (end < 0) {
                return null;
            }
            out.add(null, i + 1, end);
            i = skipSpace(v, end + 1);
            if (i >= v.length) {
                return null;
            }
            if (v[i] == ']') {
                return closesObject(v, i + 1) ? out : null;
            }
            if (v[i] != ',') {
                return null;
            }
            i = skipSpace(v, i + 1);
        }
    }

    /** Whether only whitespace, one closing brace and whitespace remain from {@code i}. */
    private static boolean closesObject(byte[] v, int i) {
        i = skipSpace(v, i);
        if (i >= v.length || v[i] != '}') {
            return false;
        }
        return skipSpace(v, i + 1) == v.length;
    }

    /** JSON's whitespace: space, tab, line feed, carriage return. */
    private static int skipSpace(byte[] v, int i) {
        while (i < v.length && (v[i] == ' ' || v[i] == '\n' || v[i] == '\r' || v[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The array's elements, the parser left on its END_ARRAY. */
    private static Entries entries(JsonParser p, byte[] value) throws IOException {
        Entries out = new Entries(128);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("the messages array does not end");
            }
            if (t == JsonToken.VALUE_STRING) {
                int quote = (int) p.currentTokenLocation().getByteOffset();
                int end = quote >= 0 && quote < value.length && value[quote] == '"' ? plainStringEnd(value, quote + 1)
                        : -1;
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Where the JSON string starting at {@code from} (after its opening quote) ends, when everything up to its
     * closing quote is printable ASCII (0x20 to 0x7e) other than a backslash; -1 otherwise. Eight bytes at a
     * time while none is a quote, a backslash, a control or non-ASCII.
     */
    static int plainStringEnd(byte[] v, int from) {
        int i = from;
        for (; i + 8 <= v.length; i += 8) {
            long w = (long) LONGS.get(v, i);
            // A high bit in any byte of these: below 0x20, 0x7f or above, a quote, a backslash. (A borrow or carry
            // between bytes only ever follows a byte that is itself a hit, which the exact loop below then sees.)
            long special = w | (w - 0x2020202020202020L) | (w + 0x0101010101010101L)
                    | ((w ^ 0x2222222222222222L) - 0x0101010101010101L)
                    | ((w ^ 0x5c5c5c5c5c5c5c5cL) - 0x0101010101010101L);
            if ((special & 0x8080808080808080L) != 0) {
                break;
            }
        }
        for (; i < v.length; i++) {
            int b = v[i];
            if (b == '"') {
                return i;
            }
            if (b < 0x20 || b == 0x7f || b == '\\') {
                return -1;
            }
        }
        return -1;
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
        return new Envelope(key, value, root, null, Entries.NONE, 0);
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
