package io.logshipper.internal;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

import io.logshipper.EntryFormat;
import io.logshipper.LogEntry;

/**
 * Writes one entry as a JSON value with Jackson's streaming generator: a string for text entries, an object for
 * structured ones. Text that is not well-formed UTF-16 (a lone surrogate) is repaired with U+FFFD first, so
 * every message is valid UTF-8 JSON whatever was logged. Public only for {@code io.logshipper.spi.SafeText}, which
 * hands adapters the text rendering.
 */
public final class EntryWriter {

    /** Lines longer than this are trimmed by copying rather than kept in {@link #chars} for good. */
    private static final int MAX_REUSED_CHARS = 64 * 1024;

    /**
     * MDC keys longer than this are cut, whatever the entry's size: JSON readers limit names (Jackson to 50,000
     * characters by default) and would refuse the whole message.
     */
    static final int MAX_KEY_CHARS = 10_000;

    private final EntryFormat format;
    private char[] chars = new char[256];

    EntryWriter(EntryFormat format) {
        this.format = format;
    }

    /** Whether structured entries are written as JSON objects rather than rendered as text. */
    boolean writesObjects() {
        return format == EntryFormat.JSON;
    }

    void write(JsonGenerator g, Object entry) throws IOException {
        if (entry instanceof String) {
            g.writeString(wellFormed((String) entry));
        } else if (format == EntryFormat.JSON) {
            writeObject(g, (LogEntry) entry);
        } else {
            g.writeString(wellFormed(render((LogEntry) entry)));
        }
    }

    /**
     * Writes a layout's output as a text entry, without the one line break ({@code \n} or {@code \r\n}) a layout
     * ends each event with. Short lines go through a reused buffer rather than a trimmed copy of the string.
     */
    void writeLayoutLine(JsonGenerator g, String line) throws IOException {
        String text = wellFormed(line);
        int end = lineEnd(text);
        if (end == text.length()) {
            g.writeString(text);
        } else if (end > MAX_REUSED_CHARS) {
            g.writeString(text.substring(0, end));
        } else {
            if (chars.length < end) {
                chars = new char[Math.max(end, 2 * chars.length)];
            }
            text.getChars(0, end, chars, 0);
            g.writeString(chars, 0, end);
        }
    }

    /** The line without the one trailing line break a layout adds, if it has one. */
    static String withoutLineBreak(String line) {
        int end = lineEnd(line);
        return end == line.length() ? line : line.substring(0, end);
    }

    private static int lineEnd(String s) {
        int n = s.length();
        if (n > 0 && s.charAt(n - 1) == '\n') {
            return n > 1 && s.charAt(n - 2) == '\r' ? n - 2 : n - 1;
        }
        return n;
    }

    /** The text form of a structured entry: {@code time level [thread] logger - message}, then the stack trace. */
    public static String render(LogEntry e) {
        StringBuilder sb = new StringBuilder(64 + e.message().length());
        sb.append(DateTimeFormatter.ISO_INSTANT.format(e.time()));
        if (e.level() != null) {
            sb.append(' ').append(e.level());
        }
        if (e.thread() != null) {
            sb.append(" [").append(e.thread()).append(']');
        }
        if (e.logger() != null) {
            sb.append(' ').append(e.logger());
        }
        sb.append(" - ").append(e.message());
        if (e.exception() != null) {
            sb.append('\n').append(e.exception());
        }
        return sb.toString();
    }

    private static void writeObject(JsonGenerator g, LogEntry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", DateTimeFormatter.ISO_INSTANT.format(e.time()));
        writeOptional(g, "level", e.level());
        writeOptional(g, "logger", e.logger());
        writeOptional(g, "thread", e.thread());
        g.writeStringField("message", wellFormed(e.message()));
        writeOptional(g, "exception", e.exception());
        if (!e.mdc().isEmpty()) {
            g.writeObjectFieldStart("mdc");
            for (Map.Entry<String, String> m : e.mdc().entrySet()) {
                g.writeFieldName(wellFormed(mdcKey(m.getKey())));
                if (m.getValue() == null) {
                    g.writeNull();
                } else {
                    g.writeString(wellFormed(m.getValue()));
                }
            }
            g.writeEndObject();
        }
        if (!e.markers().isEmpty()) {
            g.writeArrayFieldStart("markers");
            for (String marker : e.markers()) {
                g.writeString(wellFormed(marker));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** The key as written: cut with the marker if longer than {@link #MAX_KEY_CHARS}. */
    static String mdcKey(String key) {
        return key.length() > MAX_KEY_CHARS ? EntryCutter.cutToChars(key, MAX_KEY_CHARS) : key;
    }

    private static void writeOptional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, wellFormed(value));
        }
    }

    /** The text with every unpaired surrogate replaced by U+FFFD; the same instance when there is none. */
    static String wellFormed(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return repair(s);
                }
            }
        }
        return s;
    }

    private static String repair(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
