package io.logshipper.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.logshipper.internal.SettingNames;

/**
 * One section of an INI file: ordered, lower-cased keys mapped to fully resolved string
 * values, each remembering the line it was defined on. Immutable.
 *
 * <p>Values are never converted to other types; callers decide what {@code "1e3"} means.
 */
public final class IniSection {

    private final String source;
    private final String name;
    private final int line;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    /** Takes ownership of both maps, which the caller must not change afterwards. */
    IniSection(String source, String name, int line, LinkedHashMap<String, String> values,
               Map<String, Integer> lines) {
        this.source = source;
        this.name = name;
        this.line = line;
        this.values = Collections.unmodifiableMap(values);
        this.lines = Collections.unmodifiableMap(lines);
    }

    /**
     * Returns the section name as written between the brackets (trimmed, case preserved).
     *
     * @return the section name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the line of the section's {@code [header]}.
     *
     * @return the 1-based line, or 0 for a {@code DEFAULT} section absent from the file
     */
    public int line() {
        return line;
    }

    /**
     * Returns all values visible in this section: its own keys first, in file order, then
     * keys inherited from {@code [DEFAULT]} that the section does not override.
     *
     * @return an unmodifiable, insertion-ordered map from lower-cased key to value
     */
    public Map<String, String> values() {
        return values;
    }

    /**
     * Looks up a key, ignoring case as configparser does.
     *
     * @param key the key in any case
     * @return the resolved value, or empty if neither the section nor DEFAULT defines it
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(normalise(key)));
    }

    /**
     * Returns where a key's value was defined, so callers can point users at the right line
     * when a value is valid INI but wrong for the application.
     *
     * @param key the key in any case
     * @return the 1-based line in this section or in {@code [DEFAULT]}, or 0 if absent
     */
    public int lineOf(String key) {
        return lines.getOrDefault(normalise(key), 0);
    }

    /**
     * Returns the file name or label the section was read from, for callers' error messages.
     *
     * @return the source given to {@link IniFile#parse} or the path given to {@link IniFile#load}
     */
    public String source() {
        return source;
    }

    /**
     * Describes the section by name and keys only; values are left out because they may be
     * secrets and {@code toString()} output tends to end up in logs.
     *
     * @return a value-free description
     */
    @Override
    public String toString() {
        return describe(name, values.keySet());
    }

    /** The value-free description {@link #toString()} gives, also used before a section is resolved. */
    static String describe(String name, Iterable<String> keys) {
        StringBuilder out = new StringBuilder(label(name)).append(" keys=[");
        String separator = "";
        for (String key : keys) {
            String quoted = SettingNames.quoted(key);
            out.append(separator).append(quoted.equals("'" + key + "'") ? key : quoted);
            separator = ", ";
        }
        return out.append(']').toString();
    }

    /**
     * Names a section in a message as {@code [name]}; a long name or one with control characters is
     * shortened and escaped by {@link SettingNames#quoted}, as {@code ['name…' (N characters)]}.
     */
    static String label(String name) {
        String quoted = SettingNames.quoted(name);
        return quoted.equals("'" + name + "'") ? "[" + name + "]" : "[" + quoted + "]";
    }

    private static String normalise(String key) {
        return key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
    }
}
