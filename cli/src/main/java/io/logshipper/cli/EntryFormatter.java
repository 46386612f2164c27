package io.logshipper.cli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns entries of shipped messages into the lines {@code tail} prints. */
final class EntryFormatter {

    private static final DateTimeFormatter MESSAGE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Finds the level in a text entry, which has no level field; the first level word wins. */
    private static final Pattern LEVEL_WORD =
            Pattern.compile("\\b(FATAL|SEVERE|CRITICAL|ERROR|WARNING|WARN|INFO|DEBUG|TRACE|FINE|FINER|FINEST)\\b");
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    /** What each line after an entry's first starts with in text output. */
    static final String CONTINUATION = "  ";

    private final boolean colour;

    /** @param colour whether to colour entries by level with ANSI escapes */
    EntryFormatter(boolean colour) {
        this.colour = colour;
    }

    /**
     * The text of an entry, without prefix or colour: a string entry as-is, an object entry as
     * {@code time level [thread] logger {mdc} - message}, then its exception on the following lines. {@code --grep}
     * matches this text, so it finds MDC keys and values too.
     */
    static String text(JsonNode entry) {
        if (entry.isTextual()) {
            return entry.textValue();
        }
        if (!entry.isObject()) {
            return entry.toString();
        }
        StringBuilder sb = new StringBuilder();
        appendField(sb, entry, "time", "", "");
        appendField(sb, entry, "level", " ", "");
        appendField(sb, entry, "thread", " [", "]");
        appendField(sb, entry, "logger", " ", "");
        appendMdc(sb, entry.get("mdc"));
        sb.append(sb.length() == 0 ? "- " : " - ").append(string(entry.get("message")));
        JsonNode exception = entry.get("exception");
        if (exception != null && !exception.isNull()) {
            sb.append('\n').append(string(exception));
        }
        return sb.toString();
    }

    /** The {@code text} format's prefix of every entry of one message: {@code [program time] }. */
    static String textPrefix(Envelope message) {
        return "[" + message.program() + " " + MESSAGE_TIME.format(Instant.ofEpochMilli(message.epochMillis())) + "] ";
    }

    /**
     * The {@code text} format line: {@code [program time] entry}, {@link #neutralise(String) neutralised}, coloured
     * by level when asked.
     */
    String textLine(Envelope message, JsonNode entry) {
        String text = text(entry);
        String body = neutralise(text);
        String prefix = neutralise(textPrefix(message));
        String colourCode = colour ? colourOf(entry, text) : null;
        return colourCode == null ? prefix + body : prefix + colourCode + body + RESET;
    }

    /** The {@code json} format line: {@code {"program":..., "timestamp":..., "entry":...}}, compact. */
    static String jsonLine(Envelope message, JsonNode entry) {
        ObjectNode line = Envelope.JSON.createObjectNode();
        line.put("program", message.program());
        line.set("timestamp", message.timestamp());
        line.set("entry", entry);
        return write(line);
    }

    /** The {@code raw} format line, exactly as the Python consumer prints it: {@code [key]: <repr of value>}. */
    static String rawLine(Envelope message) {
        String value = message.root() != null ? PythonRepr.repr(message.root()) : String.valueOf(message.text());
        return "[" + (message.key() == null ? "None" : message.key()) + "]: " + (message.text() == null ? "None" : value);
    }

    /**
     * How a value that is no logshipper message is shown, as {@code tail} and {@code aggregate} both show it: in
     * {@code text} format {@code [key] value}, in {@code raw} format as the Python consumer prints it, both
     * {@link #neutralise(String) neutralised}; in {@code json} format as one object, so jq still reads every line.
     */
    static String foreignLine(OutputFormat format, Envelope message) {
        return switch (format) {
            case RAW -> neutralise(rawLine(message));
            case JSON -> foreignJsonLine(message);
            case TEXT -> neutralise("[" + message.key() + "] " + message.text());
        };
    }

    /** Why a value is no logshipper message, for the warning said once per topic. */
    static String whyForeign(Envelope message) {
        return message.text() == null ? "its value is null"
                : message.root() == null ? "its value is not JSON"
                : "its value has no \"timestamp\" and \"messages\"";
    }

    private static String foreignJsonLine(Envelope message) {
        ObjectNode line = Envelope.JSON.createObjectNode();
        line.put("program", message.hasLogKey() ? message.program() : null);
        line.put("key", message.key());
        line.put("raw", message.text());
        return write(line);
    }

    /**
     * Neutralises terminal control sequences in text bound for a terminal or a file someone will {@code cat}:
     * C0 controls other than tab and line feed (a carriage return too, which could overwrite a line), DEL and the C1
     * controls (U+0080 to U+009F, which some terminals read as ESC sequences) are shown as {@code ^[}, {@code ^?} or
     * {@code \u009b}, so an entry cannot move the cursor, retitle the window or fake other lines' colours; the line
     * and paragraph separators U+2028 and U+2029, which editors and web viewers break lines at, as {@code \u2028}
     * and {@code \u2029}. A line break is followed by {@link #CONTINUATION}, so an entry's later lines (a stack
     * trace's) never start where an entry starts: in a file or a pipe, no entry can forge another program's line.
     * Line breaks (and carriage returns) that end the text are left out: they would only print empty lines.
     */
    static String neutralise(String text) {
        return neutralise(text, false);
    }

    /**
     * {@link #neutralise(String)} for text that must stay on one line (a table cell, a header name): a line break
     * is shown as {@code ^J} too.
     */
    static String inline(String text) {
        return neutralise(text, true);
    }

    private static String neutralise(String text, boolean oneLine) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !changed(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        int end = text.length();
        while (!oneLine && end > i && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        // Room for the indents of a stack trace (a line break every 60 characters or so) without growing.
        StringBuilder sb = new StringBuilder(end + (end >> 3) + 16).append(text, 0, i);
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (!changed(c)) {
                sb.append(c);
            } else if (c == '\n' && !oneLine) {
                sb.append('\n').append(CONTINUATION);
            } else if (c < 0x20) {
                sb.append('^').append((char) (c + 64));
            } else if (c == 0x7f) {
                sb.append("^?");
            } else {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /**
     * Whether UTF-8 text holds a character {@link #neutralise(String)} would change (a line break too): the
     * byte-level twin of its scan, for text already encoded (a C1 control U+0080 to U+009F is the pair C2 80 to
     * C2 9F, U+2028 and U+2029 are E2 80 A8 and E2 80 A9). Eight bytes at a time while they are all printable
     * ASCII (the aggregator's hot path: three times the byte loop's speed).
     */
    static boolean hasControl(byte[] utf8) {
        int i = 0;
        for (; i + 8 <= utf8.length; i += 8) {
            long w = (long) LONGS.get(utf8, i);
            // A high bit in any byte of these: below 0x20, 0x7f or above (not ASCII). Then the exact rule decides.
            if (((w | (w - 0x2020202020202020L) | (w + 0x0101010101010101L)) & 0x8080808080808080L) != 0) {
                break;
            }
        }
        for (; i < utf8.length; i++) {
            int b = utf8[i] & 0xff;
            if (b < 0x20 && b != '\t' || b == 0x7f
                    || b == 0xc2 && i + 1 < utf8.length && (utf8[i + 1] & 0xff) <= 0x9f
                    || b == 0xe2 && i + 2 < utf8.length && (utf8[i + 1] & 0xff) == 0x80
                            && ((utf8[i + 2] & 0xff) == 0xa8 || (utf8[i + 2] & 0xff) == 0xa9)) {
                return true;
            }
        }
        return false;
    }

    /** What {@link #neutralise(String)} replaces: controls but tab, the line break it indents after, U+2028/9. */
    private static boolean changed(char c) {
        return c < 0x20 && c != '\t' || c == 0x7f || c >= 0x80 && c <= 0x9f || c == '\u2028' || c == '\u2029';
    }

    private static String colourOf(JsonNode entry, String body) {
        String level = null;
        if (entry.isObject() && entry.hasNonNull("level")) {
            level = entry.get("level").asText().toUpperCase(Locale.ROOT);
        } else {
            Matcher m = LEVEL_WORD.matcher(body);
            if (m.find()) {
                level = m.group(1);
            }
        }
        if (level == null) {
            return null;
        }
        switch (level) {
            case "FATAL", "SEVERE", "CRITICAL", "ERROR" -> {
                return RED;
            }
            case "WARN", "WARNING" -> {
                return YELLOW;
            }
            case "DEBUG", "TRACE", "FINE", "FINER", "FINEST" -> {
                return DIM;
            }
            default -> {
                return null;
            }
        }
    }

    /** The MDC compactly, {@code {k=v, k2=v2}}, on the entry's one line (line breaks in values shown as \n). */
    private static void appendMdc(StringBuilder sb, JsonNode mdc) {
        if (mdc == null || !mdc.isObject() || mdc.isEmpty()) {
            return;
        }
        StringJoiner pairs = new StringJoiner(", ", sb.length() == 0 ? "{" : " {", "}");
        for (Map.Entry<String, JsonNode> e : mdc.properties()) {
            pairs.add(oneLine(e.getKey()) + "=" + oneLine(string(e.getValue())));
        }
        sb.append(pairs);
    }

    private static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static void appendField(StringBuilder sb, JsonNode entry, String field, String before, String after) {
        JsonNode v = entry.get(field);
        if (v != null && !v.isNull()) {
            sb.append(sb.length() == 0 ? before.stripLeading() : before).append(string(v)).append(after);
        }
    }

    private static String string(JsonNode v) {
        return v == null || v.isNull() ? "" : v.isTextual() ? v.textValue() : v.toString();
    }

    private static String write(JsonNode node) {
        try {
            return Envelope.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
