package io.logshipper.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns INI text into raw sections, line by line, the way Python's configparser reads files.
 * Values are left untouched here; {@link ValueResolver} expands them afterwards so that
 * references to keys defined further down the file work.
 */
final class IniParser {

    /** Name of the section whose keys every other section inherits, as in configparser. */
    static final String DEFAULT_SECTION = "DEFAULT";

    private final String source;
    private final Map<String, RawSection> sections = new LinkedHashMap<>();

    private RawSection current;
    /** Key whose value later, deeper-indented lines extend; null when none may be extended. */
    private String continuedKey;
    private int continuedLine;
    private List<String> continuedParts;
    private int keyIndent;
    /** Blank lines seen inside a value: kept only if another continuation line follows. */
    private int pendingBlanks;

    private IniParser(String source) {
        this.source = source;
    }

    /**
     * Parses the text; the returned map holds sections in file order, keyed by name.
     * A {@code DEFAULT} entry is present only if the file has that header.
     */
    static Map<String, RawSection> parse(String source, String text) {
        IniParser parser = new IniParser(source);
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.accept(lines[i], i + 1);
        }
        parser.finishValue();
        return parser.sections;
    }

    private void accept(String line, int lineNo) {
        String stripped = line.strip();
        if (stripped.isEmpty()) {
            if (continuedKey != null) {
                pendingBlanks++;
            }
            return;
        }
        // Comments are dropped without ending a multi-line value, matching configparser.
        if (stripped.startsWith("#") || stripped.startsWith(";")) {
            return;
        }
        int indent = indentOf(line);
        if (continuedKey != null && indent > keyIndent) {
            for (; pendingBlanks > 0; pendingBlanks--) {
                continuedParts.add("");
            }
            continuedParts.add(stripped);
            return;
        }
        finishValue();
        if (stripped.startsWith("[")) {
            openSection(stripped, lineNo);
        } else {
            addKey(stripped, lineNo, indent);
        }
    }

    private void openSection(String stripped, int lineNo) {
        int close = stripped.lastIndexOf(']');
        String trailing = close < 0 ? "" : stripped.substring(close + 1).strip();
        boolean trailingIsComment = trailing.startsWith("#") || trailing.startsWith(";");
        if (close < 0 || (!trailing.isEmpty() && !trailingIsComment)) {
            throw new ConfigException(source, lineNo, "malformed section header (expected [name])");
        }
        String name = stripped.substring(1, close).strip();
        if (name.isEmpty()) {
            throw new ConfigException(source, lineNo, "malformed section header: empty section name");
        }
        RawSection existing = sections.get(name);
        if (existing != null && !DEFAULT_SECTION.equals(name)) {
            throw new ConfigException(source, lineNo, "duplicate section [" + name
                    + "] (first defined at line " + existing.line() + ")");
        }
        // configparser lets [DEFAULT] be reopened; its keys are still checked for duplicates.
        current = existing != null ? existing : new RawSection(name, lineNo);
        sections.putIfAbsent(name, current);
    }

    private void addKey(String stripped, int lineNo, int indent) {
        int delimiter = firstDelimiter(stripped);
        String key = delimiter < 0 ? "" : stripped.substring(0, delimiter).strip().toLowerCase(Locale.ROOT);
        if (current == null) {
            // Only the key is named: the rest of the line could be a secret.
            String what = key.isEmpty() ? "text" : "key '" + key + "'";
            throw new ConfigException(source, lineNo, what + " outside any section (add a [section] header above it)");
        }
        String where = " in [" + current.name() + "]";
        if (delimiter < 0) {
            throw new ConfigException(source, lineNo,
                    "malformed line" + where + ": expected 'key = value' or 'key: value'");
        }
        if (key.isEmpty()) {
            throw new ConfigException(source, lineNo, "empty key" + where);
        }
        RawEntry previous = current.entries().get(key);
        if (previous != null) {
            throw new ConfigException(source, lineNo, "duplicate key '" + key + "'" + where
                    + " (first defined at line " + previous.line() + ")");
        }
        continuedKey = key;
        continuedLine = lineNo;
        continuedParts = new ArrayList<>();
        continuedParts.add(stripped.substring(delimiter + 1).strip());
        keyIndent = indent;
        // Reserve the key now so a duplicate is caught even before its value is complete.
        current.entries().put(key, new RawEntry(key, "", lineNo, false));
    }

    /** Stores the value being collected; trailing blank lines are not part of it. */
    private void finishValue() {
        if (continuedKey != null) {
            String value = String.join("\n", continuedParts);
            current.entries().put(continuedKey, new RawEntry(continuedKey, value, continuedLine, false));
        }
        continuedKey = null;
        continuedParts = null;
        pendingBlanks = 0;
    }

    private static int firstDelimiter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
