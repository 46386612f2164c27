package io.logshipper.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Kafka record headers for the commands that read messages: a filter made of {@code --header NAME=VALUE} conditions
 * (a record passes when, for every name given, it has a header of that name with one of the values given for it;
 * {@code --header NAME} alone asks only that the header be there), and the one-line renderings {@code --headers}
 * prints. Holds no state besides the conditions, so any command can use it on any record.
 */
final class HeaderFilter {

    /** At most this many characters of one header value are shown. */
    private static final int MAX_SHOWN = 200;

    /** Values wanted per header name; an empty set means "present, any value". */
    private final Map<String, Set<String>> wanted;

    private HeaderFilter(Map<String, Set<String>> wanted) {
        this.wanted = wanted;
    }

    /**
     * The filter for these conditions, each {@code NAME=VALUE} or {@code NAME}.
     *
     * @throws IllegalArgumentException naming the condition when a name is empty
     */
    static HeaderFilter of(List<String> conditions) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (String c : conditions) {
            int eq = c.indexOf('=');
            String name = eq < 0 ? c : c.substring(0, eq);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("expected NAME=VALUE or NAME, not '" + c + "'");
            }
            Set<String> values = wanted.computeIfAbsent(name, k -> new LinkedHashSet<>());
            if (eq >= 0) {
                values.add(c.substring(eq + 1));
            }
        }
        return new HeaderFilter(wanted);
    }

    /**
     * The filter for a command's {@code --header} options, a bad one being that command's usage error.
     *
     * @throws picocli.CommandLine.ParameterException {@code --header: expected NAME=VALUE or NAME, not '=x'}
     */
    static HeaderFilter of(picocli.CommandLine command, List<String> conditions) {
        try {
            return of(conditions);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(command, "--header: " + e.getMessage());
        }
    }

    /**
     * The line {@code --headers} shows before a message's entries: {@code {"headers":{...}}} in JSON format,
     * {@code [headers] host=web-1 ...} in the others.
     */
    static String line(OutputFormat format, Headers headers) {
        if (format == OutputFormat.JSON) {
            return "{\"headers\":" + json(headers) + "}";
        }
        String described = describe(headers);
        return "[headers] " + (described.isEmpty() ? "(none)" : described);
    }

    /** Whether the filter lets everything through (no condition given). */
    boolean isEmpty() {
        return wanted.isEmpty();
    }

    /** Whether a record with these headers passes. */
    boolean matches(Headers headers) {
        for (Map.Entry<String, Set<String>> w : wanted.entrySet()) {
            boolean found = false;
            for (Header h : headers.headers(w.getKey())) {
                if (w.getValue().isEmpty() || w.getValue().contains(text(h.value()))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** {@code host=web-1 content-type=application/json}: names and values as the text format shows them. */
    static String describe(Headers headers) {
        StringBuilder sb = new StringBuilder();
        for (Header h : headers) {
            sb.append(sb.length() == 0 ? "" : " ").append(cut(EntryFormatter.inline(h.key()))).append('=')
                    .append(shownText(h.value()));
        }
        return sb.toString();
    }

    /** {@code {"host":"web-1",...}}: the headers as one JSON object (a repeated name keeps its last value). */
    static String json(Headers headers) {
        StringBuilder sb = new StringBuilder("{");
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        for (Header h : headers) {
            sb.append(sb.length() == 1 ? "" : ",").append('"').append(enc.quoteAsString(h.key())).append("\":");
            String v = shown(h.value());
            sb.append(h.value() == null ? "null" : "\"" + new String(enc.quoteAsString(v)) + "\"");
        }
        return sb.append('}').toString();
    }

    /** The value as UTF-8 text, or null when it is none or not valid UTF-8 (then it matches no VALUE). */
    private static String text(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Text without control characters, cut at {@value #MAX_SHOWN} characters; other bytes as {@code base64:...}. */
    private static String shown(byte[] value) {
        if (value == null) {
            return "(null)";
        }
        String t = text(value);
        if (t == null || t.chars().anyMatch(Character::isISOControl)) {
            String b64 = Base64.getEncoder().encodeToString(value);
            return "base64:" + cut(b64);
        }
        return cut(t);
    }

    /** For a text line: UTF-8 text with its controls shown as tail shows them ({@code ^[}), other bytes as base64. */
    private static String shownText(byte[] value) {
        if (value == null) {
            return "(null)";
        }
        String t = text(value);
        return t == null ? "base64:" + cut(Base64.getEncoder().encodeToString(value)) : cut(EntryFormatter.inline(t));
    }

    private static String cut(String s) {
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "…" : s;
    }
}
