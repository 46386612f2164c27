package io.logshipper.config;

import static io.logshipper.internal.SettingNames.quoted;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one file's raw sections into final {@link IniSection}s: first environment expansion, then
 * configparser's BasicInterpolation. Errors name keys and lines, never values.
 *
 * <p>Sections are resolved lazily, the first time someone asks for one, and the result (or the error) is
 * kept: a mistake in a section nobody reads does not stop the file from loading, and every reader of a
 * section sees the same outcome. Resolution runs under a lock, so several threads may ask at once; the
 * environment function is called under that lock too, never concurrently.
 *
 * <p>Within a section each key is expanded once and its result reused by every {@code %(key)s} that refers
 * to it, so time grows with the size of the output, not with the number of paths through the references.
 * Limits, so that a hostile file fails with a {@link ConfigException} instead of an OutOfMemoryError or a hang:
 * <ul>
 *   <li>{@value #MAX_DEPTH} levels of nested references, as configparser (deeper nesting and cycles fail);</li>
 *   <li>{@value #MAX_VALUE_CHARS} characters (1 Mi) for one value that uses {@code %};</li>
 *   <li>{@value #MAX_EXPANDED_CHARS} characters (16 Mi) for all such values of the file together,
 *       counted in every section read (a {@code [DEFAULT]} value counts again in each section that inherits it);</li>
 *   <li>{@value #MAX_INSPECTED_CHARS} characters (64 Mi) of {@code %} values scanned and
 *       {@value #MAX_RESOLVED_VALUES} values held by the resolved sections of one file, counting inherited
 *       values again in each section: these bound reading every section of a file with a huge {@code [DEFAULT]}.
 *       Any one section is within them (a file has at most {@value IniParser#MAX_KEYS} keys), so is every
 *       section logshipper reads.</li>
 * </ul>
 */
final class ValueResolver {

    /** Same limit as configparser's MAX_INTERPOLATION_DEPTH. */
    static final int MAX_DEPTH = 10;

    /** Longest value interpolation may produce. */
    static final int MAX_VALUE_CHARS = 1024 * 1024;

    /** Most characters interpolation may produce for one file, over all sections read. */
    static final long MAX_EXPANDED_CHARS = 16L * 1024 * 1024;

    /** Most characters of {@code %} values that resolving sections may scan for one file. */
    static final long MAX_INSPECTED_CHARS = 64L * 1024 * 1024;

    /** Most values all resolved sections of one file may hold together. */
    static final long MAX_RESOLVED_VALUES = 1_000_000;

    private static final Pattern ENV_REFERENCE =
            Pattern.compile("\\$(?:([A-Za-z_][A-Za-z0-9_]*)|\\{([A-Za-z_][A-Za-z0-9_]*)\\})");

    private final String source;
    private final Map<String, RawSection> raw;
    private final Function<String, String> environment;

    private final Object lock = new Object();
    /** Outcome per section name; {@code DEFAULT} stands for {@link #defaults()}. Guarded by {@link #lock}. */
    private final Map<String, Outcome> outcomes = new HashMap<>();
    /** DEFAULT after environment expansion, shared by every section. Guarded by {@link #lock}. */
    private Outcome expandedDefaults;
    private long expandedChars;
    private long inspectedChars;
    private long resolvedValues;

    ValueResolver(String source, Map<String, RawSection> raw, Function<String, String> environment) {
        this.source = source;
        this.raw = raw;
        this.environment = environment;
    }

    /** A section's resolution, or the error it ended in; rethrown afresh for every caller. */
    private record Outcome(IniSection section, Map<String, RawEntry> entries, ConfigException failure) {
        static Outcome of(ConfigException failure) {
            return new Outcome(null, null, failure);
        }

        void throwIfFailed() {
            if (failure != null) {
                throw new ConfigException(failure.source(), failure.line(), failure.detail());
            }
        }
    }

    /**
     * Returns the named section, resolving it on first use.
     *
     * @param name a section of the file, not {@code DEFAULT}
     * @throws ConfigException if a value of the section cannot be resolved
     */
    IniSection section(String name) {
        Outcome outcome;
        synchronized (lock) {
            outcome = outcomes.computeIfAbsent(name, this::resolveSection);
        }
        outcome.throwIfFailed();
        return outcome.section();
    }

    /**
     * Returns {@code [DEFAULT]} resolved on its own: configparser never interpolates DEFAULT by itself, so a
     * value referring to a key only the inheriting sections define stays raw here.
     */
    IniSection defaults() {
        Outcome outcome;
        synchronized (lock) {
            outcome = outcomes.computeIfAbsent(IniParser.DEFAULT_SECTION, name -> {
                RawSection rawDefaults = raw.get(name);
                return interpolate(name, rawDefaults == null ? 0 : rawDefaults.line(), Map.of(), true);
            });
        }
        outcome.throwIfFailed();
        return outcome.section();
    }

    private Outcome resolveSection(String name) {
        RawSection section = raw.get(name);
        Outcome own = expandEnvironment(section);
        return own.failure() != null ? own : interpolate(name, section.line(), own.entries(), false);
    }

    /** DEFAULT's entries after environment expansion, computed once. */
    private Outcome defaultEntries() {
        if (expandedDefaults == null) {
            RawSection rawDefaults = raw.get(IniParser.DEFAULT_SECTION);
            expandedDefaults = rawDefaults == null ? new Outcome(null, Map.of(), null) : expandEnvironment(rawDefaults);
        }
        return expandedDefaults;
    }

    private Outcome expandEnvironment(RawSection section) {
        Map<String, RawEntry> expanded = new LinkedHashMap<>();
        for (RawEntry entry : section.entries().values()) {
            String text = entry.value();
            Matcher m = ENV_REFERENCE.matcher(text);
            if (text.isEmpty() || text.charAt(0) != '$' || !m.matches()) {
                expanded.put(entry.key(), entry);
                continue;
            }
            String variable = m.group(1) != null ? m.group(1) : m.group(2);
            String value = environment.apply(variable);
            if (value == null) {
                return Outcome.of(new ConfigException(source, entry.line(), "environment variable "
                        + quoted(variable) + " (used by " + quoted(entry.key()) + " in "
                        + IniSection.label(section.name()) + ") is not set"));
            }
            expanded.put(entry.key(), new RawEntry(entry.key(), value, entry.line(), true));
        }
        return new Outcome(null, expanded, null);
    }

    /**
     * Interpolates a section's own entries with DEFAULT's; for DEFAULT itself {@code own} is empty and
     * {@code tolerateMissing} leaves values with missing references raw.
     */
    private Outcome interpolate(String name, int line, Map<String, RawEntry> own, boolean tolerateMissing) {
        Outcome defaults = defaultEntries();
        if (defaults.failure() != null) {
            return defaults;
        }
        Map<String, RawEntry> visible = new LinkedHashMap<>(own);
        defaults.entries().forEach(visible::putIfAbsent);
        Map<String, RawEntry> ownOrDefaults = tolerateMissing ? defaults.entries() : own;
        Pass pass = new Pass(name, visible, ownOrDefaults, tolerateMissing);
        try {
            chargeValues(name, line, visible.size());
            pass.inspect(line);
            LinkedHashMap<String, String> values = new LinkedHashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            for (RawEntry entry : visible.values()) {
                Resolved r = pass.resolve(entry, entry, 1);
                values.put(entry.key(), r == Resolved.MISSING ? entry.value() : r.value());
                lines.put(entry.key(), entry.line());
            }
            // Only a section that resolved spends the file's budgets; a failed one is never retried.
            expandedChars = pass.expanded;
            inspectedChars = pass.inspected;
            resolvedValues += visible.size();
            return new Outcome(new IniSection(source, name, line, values, lines), null, null);
        } catch (ConfigException e) {
            return Outcome.of(e);
        }
    }

    private void chargeValues(String name, int line, int count) {
        if (resolvedValues + count > MAX_RESOLVED_VALUES) {
            throw new ConfigException(source, line, "reading " + IniSection.label(name) + " would take this file"
                    + " past " + MAX_RESOLVED_VALUES + " resolved values (limit per file; [DEFAULT] keys count"
                    + " again in each section that inherits them)");
        }
    }

    /**
     * A key's expanded value and its nesting height: 0 for a value used as is, else one more than the highest
     * value it refers to, which is the depth configparser would reach expanding it.
     */
    private record Resolved(String value, int height) {
        /** A value referring, directly or not, to a key that is missing where missing keys are tolerated. */
        static final Resolved MISSING = new Resolved(null, 0);
    }

    /** Resolves one section: the memo of expanded keys and the keys being expanded right now. */
    private final class Pass {
        private final String section;
        private final Map<String, RawEntry> visible;
        private final Map<String, RawEntry> own;
        private final boolean tolerateMissing;
        private final Map<String, Resolved> done = new HashMap<>();
        private final Set<String> active = new HashSet<>();
        private long expanded = expandedChars;
        private long inspected = inspectedChars;

        Pass(String section, Map<String, RawEntry> visible, Map<String, RawEntry> own, boolean tolerateMissing) {
            this.section = section;
            this.visible = visible;
            this.own = own;
            this.tolerateMissing = tolerateMissing;
        }

        /** Charges the section's values to the file's inspection budget before any work is done. */
        void inspect(int headerLine) {
            for (RawEntry entry : visible.values()) {
                inspected += needsInterpolation(entry) ? entry.value().length() : 0;
            }
            if (inspected > MAX_INSPECTED_CHARS) {
                throw new ConfigException(source, headerLine, "reading " + IniSection.label(section)
                        + " would scan more than " + MAX_INSPECTED_CHARS + " characters of %(name)s values in"
                        + " this file (limit 64 Mi per file; [DEFAULT] values count again in each section"
                        + " that inherits them)");
            }
        }

        Resolved resolve(RawEntry entry, RawEntry top, int depth) {
            if (!needsInterpolation(entry)) {
                return new Resolved(entry.value(), 0);
            }
            Resolved memo = done.get(entry.key());
            if (memo != null) {
                return memo;
            }
            if (depth > MAX_DEPTH) {
                throw depthExceeded(top);
            }
            if (!active.add(entry.key())) {
                throw new ConfigException(source, entry.line(), quoted(entry.key()) + where(entry)
                        + " refers back to itself through %(name)s references (circular; interpolation depth"
                        + " would exceed the maximum of " + MAX_DEPTH + ")");
            }
            Resolved result = expand(entry, top, depth);
            active.remove(entry.key());
            done.put(entry.key(), result);
            return result;
        }

        private Resolved expand(RawEntry entry, RawEntry top, int depth) {
            String text = entry.value();
            StringBuilder out = new StringBuilder(Math.min(text.length() + 16, MAX_VALUE_CHARS));
            int height = 1;
            int i = 0;
            while (i < text.length()) {
                int p = text.indexOf('%', i);
                if (p < 0) {
                    append(out, text, i, text.length(), entry);
                    break;
                }
                append(out, text, i, p, entry);
                char next = p + 1 < text.length() ? text.charAt(p + 1) : '\0';
                if (next == '%') {
                    append(out, "%", 0, 1, entry);
                    i = p + 2;
                    continue;
                }
                if (next != '(') {
                    throw syntaxError(entry, "'%' must be followed by '%' or '(name)s'");
                }
                int close = text.indexOf(')', p + 2);
                if (close <= p + 2 || close + 1 >= text.length() || text.charAt(close + 1) != 's') {
                    throw syntaxError(entry, "bad reference, expected %(name)s");
                }
                String name = text.substring(p + 2, close).toLowerCase(Locale.ROOT);
                RawEntry target = visible.get(name);
                if (target == null) {
                    if (tolerateMissing) {
                        return Resolved.MISSING;
                    }
                    throw new ConfigException(source, entry.line(), quoted(entry.key()) + where(entry)
                            + " refers to missing key " + quoted(name));
                }
                Resolved value = resolve(target, top, depth + 1);
                if (value == Resolved.MISSING) {
                    return Resolved.MISSING;
                }
                height = Math.max(height, value.height() + 1);
                append(out, value.value(), 0, value.value().length(), entry);
                i = close + 2;
            }
            if (height > MAX_DEPTH) {
                throw depthExceeded(entry);
            }
            expanded += out.length();
            return new Resolved(out.toString(), height);
        }

        /** Appends, failing before any limit is passed rather than after the memory is spent. */
        private void append(StringBuilder out, String text, int from, int to, RawEntry entry) {
            int length = out.length() + (to - from);
            if (length > MAX_VALUE_CHARS) {
                throw new ConfigException(source, entry.line(), quoted(entry.key()) + where(entry)
                        + " expands to more than " + MAX_VALUE_CHARS + " characters (limit 1 Mi per value);"
                        + " check %(name)s references that repeat long values");
            }
            if (expanded + length > MAX_EXPANDED_CHARS) {
                throw new ConfigException(source, entry.line(), "expanding " + quoted(entry.key()) + where(entry)
                        + " takes this file past " + MAX_EXPANDED_CHARS + " expanded characters"
                        + " (limit 16 Mi per file); check %(name)s references that repeat long values");
            }
            out.append(text, from, to);
        }

        private ConfigException depthExceeded(RawEntry entry) {
            return new ConfigException(source, entry.line(), "interpolation depth exceeded (max "
                    + MAX_DEPTH + ") while resolving " + quoted(entry.key()) + where(entry)
                    + "; check for circular %(name)s references");
        }

        private ConfigException syntaxError(RawEntry entry, String problem) {
            return new ConfigException(source, entry.line(), "bad interpolation syntax in " + quoted(entry.key())
                    + where(entry) + ": " + problem + " (write %% for a literal %)");
        }

        /** Says which section a key belongs to, and whether it came from DEFAULT. */
        private String where(RawEntry entry) {
            boolean inherited = own.get(entry.key()) != entry;
            return inherited && !IniParser.DEFAULT_SECTION.equals(section)
                    ? " (from [DEFAULT], used in " + IniSection.label(section) + ")"
                    : " in " + IniSection.label(section);
        }
    }

    /** Values from the environment are final: a secret containing '%' must survive as is. */
    private static boolean needsInterpolation(RawEntry entry) {
        return !entry.literal() && entry.value().indexOf('%') >= 0;
    }
}
