package io.logshipper.config;

import static io.logshipper.internal.SettingNames.quoted;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns INI text into raw sections, line by line, the way Python's configparser reads files.
 * Values are left untouched here; {@link ValueResolver} expands them afterwards so that
 * references to keys defined further down the file work.
 *
 * <p>Limits, so that a hostile or corrupt file fails fast instead of exhausting memory: at most
 * {@value #MAX_TEXT_CHARS} characters of text (16 Mi), {@value #MAX_SECTIONS} sections and
 * {@value #MAX_KEYS} keys per file. No real config comes near them. The parser does no recursion,
 * so no input can overflow the stack.
 */
final class IniParser {

    /** Name of the section whose keys every other section inherits, as in configparser. */
    static final String DEFAULT_SECTION = "DEFAULT";

    /** Longest text accepted, in characters; {@link IniFile#load} applies the same number to bytes. */
    static final int MAX_TEXT_CHARS = 16 * 1024 * 1024;

    /** Most sections in one file, DEFAULT included. */
    static final int MAX_SECTIONS = 10_000;

    /** Most keys in one file, over all sections. */
    static final int MAX_KEYS = 100_000;

    private final String source;
    private final Map<String, RawSection> sections = new LinkedHashMap<>();

    private RawSection current;
    /** Key whose value later, deeper-indented lines extend; null when none may be extended. */
    private String continuedKey;
    private int continuedLine;
    private StringBuilder continuedValue;
    private int keyIndent;
    /** Blank lines seen inside a value: kept only if another continuation line follows. */
    private int pendingBlanks;
    private int keyCount;

    private IniParser(String source) {
        this.source = source;
    }

    /**
     * Parses the text; the returned map holds sections in file order, keyed by name.
     * A {@code DEFAULT} entry is present only if the file has that header.
     */
    static Map<String, RawSection> parse(String source, String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new ConfigException(source, 0, "config text is longer than 16 Mi characters ("
                    + text.length() + " characters)");
        }
        IniParser parser = new IniParser(source);
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        int lineNo = 1;
        // Walks the text instead of splitting it, so millions of short lines cost no array of them.
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                parser.accept(text.substring(start, i), lineNo++);
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        parser.accept(text.substring(start), lineNo);
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
                continuedValue.append('\n');
            }
            continuedValue.append('\n').append(stripped);
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
            throw new ConfigException(source, lineNo, "duplicate section " + IniSection.label(name)
                    + " (first defined at line " + existing.line() + ")");
        }
        if (existing == null && sections.size() >= MAX_SECTIONS) {
            throw new ConfigException(source, lineNo, "too many sections: a config file may have at most "
                    + MAX_SECTIONS);
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
            String what = key.isEmpty() ? "text" : "key " + quoted(key);
            throw new ConfigException(source, lineNo, what + " outside any section (add a [section] header above it)");
        }
        String where = " in " + IniSection.label(current.name());
        if (delimiter < 0) {
            throw new ConfigException(source, lineNo,
                    "malformed line" + where + ": expected 'key = value' or 'key: value'");
        }
        if (key.isEmpty()) {
            throw new ConfigException(source, lineNo, "empty key" + where);
        }
        RawEntry previous = current.entries().get(key);
        if (previous != null) {
            throw new ConfigException(source, lineNo, "duplicate key " + quoted(key) + where
                    + " (first defined at line " + previous.line() + ")");
        }
        if (++keyCount > MAX_KEYS) {
            throw new ConfigException(source, lineNo, "too many keys: a config file may have at most "
                    + MAX_KEYS + " (this is key " + quoted(key) + where + ")");
        }
        continuedKey = key;
        continuedLine = lineNo;
        continuedValue = new StringBuilder(stripped.substring(delimiter + 1).strip());
        keyIndent = indent;
        // Reserve the key now so a duplicate is caught even before its value is complete.
        current.entries().put(key, new RawEntry(key, "", lineNo, false));
    }

    /** Stores the value being collected; trailing blank lines are not part of it. */
    private void finishValue() {
        if (continuedKey != null) {
            String value = continuedValue.toString();
            current.entries().put(continuedKey, new RawEntry(continuedKey, value, continuedLine, false));
        }
        continuedKey = null;
        continuedValue = null;
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
