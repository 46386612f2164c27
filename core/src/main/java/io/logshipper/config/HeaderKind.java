package io.logshipper.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.logshipper.config.Kind.InvalidValueException;

/**
 * Kafka record headers as one line of text: {@code name=value} pairs separated by commas, e.g.
 * {@code env=prod,region=eu-west-1}. Kept in the order written; a name written twice keeps its last value. A name
 * with nothing after {@code =} ({@code host=}) stands for "leave this header out", which is how a default header
 * is turned off. Names and values are trimmed.
 *
 * <p>Bounded so that a hostile value fails fast with a short error: at most {@value #MAX_HEADERS} headers, names of
 * at most {@value #MAX_NAME} characters, values of at most {@value #MAX_VALUE}; the parse is one pass.
 */
final class HeaderKind implements Kind<Map<String, String>> {

    static final int MAX_HEADERS = 32;
    static final int MAX_NAME = 64;
    static final int MAX_VALUE = 1024;

    static final HeaderKind INSTANCE = new HeaderKind();

    private static final String RULE = "name=value pairs separated by commas (at most " + MAX_HEADERS
            + "; names of 1 to " + MAX_NAME + " of the characters a-z, A-Z, 0-9, '.', '_' and '-'; values of at most "
            + MAX_VALUE + " characters, without commas or control characters)";

    private HeaderKind() {
    }

    @Override
    public Map<String, String> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        if (text.length() > MAX_HEADERS * (MAX_NAME + MAX_VALUE + 2) + 1024) {
            throw Kinds.invalid(RULE, text);
        }
        Map<String, String> out = new LinkedHashMap<>();
        int start = 0;
        int pairs = 0;
        while (true) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String pair = text.substring(start, end);
            if (++pairs > MAX_HEADERS) {
                throw Kinds.invalid(RULE, text);
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw Kinds.invalid(RULE, text);
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            if (!validName(name) || !validValue(value)) {
                throw Kinds.invalid(RULE, text);
            }
            out.remove(name);
            out.put(name, value);
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Map<String, String> check(Map<String, String> value) {
        if (value != null) {
            for (Map.Entry<String, String> e : value.entrySet()) {
                // Checked one by one, so that a comma inside a value given in Java is refused, not split.
                if (e.getKey() == null || e.getValue() == null || !validName(e.getKey().strip())
                        || !validValue(e.getValue().strip())) {
                    throw new InvalidValueException("must be " + RULE + ", not " + Kinds.quoted(e.getKey() + "="
                            + e.getValue()));
                }
            }
        }
        return Kind.super.check(value);
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean validValue(String value) {
        if (value.length() > MAX_VALUE) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String format(Map<String, String> value) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : value.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<Map<String, String>> type() {
        return (Class<Map<String, String>>) (Class<?>) Map.class;
    }
}
