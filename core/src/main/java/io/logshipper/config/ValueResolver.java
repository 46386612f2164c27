package io.logshipper.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw sections into final {@link IniSection}s: first environment expansion, then
 * configparser's BasicInterpolation. Errors name keys and lines, never values.
 */
final class ValueResolver {

    /** Same limit as configparser's MAX_INTERPOLATION_DEPTH. */
    static final int MAX_DEPTH = 10;

    /** Caps fan-out so a hostile file cannot make one value cost exponential time. */
    private static final int MAX_REFERENCES_PER_VALUE = 100_000;

    private static final Pattern ENV_REFERENCE =
            Pattern.compile("\\$(?:([A-Za-z_][A-Za-z0-9_]*)|\\{([A-Za-z_][A-Za-z0-9_]*)\\})");

    /** Signals a missing reference that the caller chose to tolerate; carries no stack. */
    private static final class ToleratedMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ToleratedMissing() {
            super(null, null, false, false);
        }
    }

    private final String source;
    private int referencesExpanded;

    private ValueResolver(String source) {
        this.source = source;
    }

    /** Resolves every section of a parsed file. */
    static IniFile resolve(String source, Map<String, RawSection> raw, Function<String, String> environment) {
        ValueResolver resolver = new ValueResolver(source);
        RawSection rawDefaults = raw.get(IniParser.DEFAULT_SECTION);
        Map<String, RawEntry> defaults = rawDefaults == null
                ? Map.of() : resolver.expandEnvironment(rawDefaults, environment);
        // configparser never interpolates DEFAULT on its own, so a DEFAULT value may refer to a
        // key that only the inheriting sections define; such values stay raw in defaults().
        IniSection defaultSection = resolver.interpolate(IniParser.DEFAULT_SECTION,
                rawDefaults == null ? 0 : rawDefaults.line(), defaults, Map.of(), true);
        Map<String, IniSection> sections = new LinkedHashMap<>();
        for (RawSection section : raw.values()) {
            if (section == rawDefaults) {
                continue;
            }
            Map<String, RawEntry> own = resolver.expandEnvironment(section, environment);
            sections.put(section.name(),
                    resolver.interpolate(section.name(), section.line(), own, defaults, false));
        }
        return new IniFile(source, defaultSection, sections);
    }

    private Map<String, RawEntry> expandEnvironment(RawSection section, Function<String, String> environment) {
        Map<String, RawEntry> expanded = new LinkedHashMap<>();
        for (RawEntry entry : section.entries().values()) {
            Matcher m = ENV_REFERENCE.matcher(entry.value());
            if (!m.matches()) {
                expanded.put(entry.key(), entry);
                continue;
            }
            String variable = m.group(1) != null ? m.group(1) : m.group(2);
            String value = environment.apply(variable);
            if (value == null) {
                throw new ConfigException(source, entry.line(), "environment variable " + variable
                        + " (used by " + entry.key() + " in [" + section.name() + "]) is not set");
            }
            expanded.put(entry.key(), new RawEntry(entry.key(), value, entry.line(), true));
        }
        return expanded;
    }

    private IniSection interpolate(String name, int line, Map<String, RawEntry> own,
                                   Map<String, RawEntry> defaults, boolean tolerateMissing) {
        Map<String, RawEntry> visible = new LinkedHashMap<>(own);
        defaults.forEach(visible::putIfAbsent);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (RawEntry entry : visible.values()) {
            values.put(entry.key(), resolveOne(name, entry, visible, own, tolerateMissing));
            lines.put(entry.key(), entry.line());
        }
        return new IniSection(source, name, line, values, lines);
    }

    private String resolveOne(String section, RawEntry entry, Map<String, RawEntry> visible,
                              Map<String, RawEntry> own, boolean tolerateMissing) {
        if (entry.literal() || entry.value().indexOf('%') < 0) {
            return entry.value();
        }
        referencesExpanded = 0;
        StringBuilder out = new StringBuilder();
        try {
            expand(out, entry, new Context(section, entry, visible, own, tolerateMissing), 1);
        } catch (ToleratedMissing e) {
            return entry.value();
        }
        return out.toString();
    }

    /** What one top-level value is being resolved against; kept together for error messages. */
    private record Context(String section, RawEntry top, Map<String, RawEntry> visible,
                           Map<String, RawEntry> own, boolean tolerateMissing) {
    }

    private void expand(StringBuilder out, RawEntry entry, Context ctx, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConfigException(source, ctx.top().line(), "interpolation depth exceeded (max "
                    + MAX_DEPTH + ") while resolving '" + ctx.top().key() + "' in [" + ctx.section()
                    + "]; check for circular %(name)s references");
        }
        String text = entry.value();
        int i = 0;
        while (i < text.length()) {
            int p = text.indexOf('%', i);
            if (p < 0) {
                out.append(text, i, text.length());
                return;
            }
            out.append(text, i, p);
            char next = p + 1 < text.length() ? text.charAt(p + 1) : '\0';
            if (next == '%') {
                out.append('%');
                i = p + 2;
            } else if (next == '(') {
                i = expandReference(out, entry, text, p, ctx, depth);
            } else {
                throw syntaxError(entry, ctx, "'%' must be followed by '%' or '(name)s'");
            }
        }
    }

    /** Expands the {@code %(name)s} starting at {@code p}; returns the index just after it. */
    private int expandReference(StringBuilder out, RawEntry entry, String text, int p, Context ctx, int depth) {
        int close = text.indexOf(')', p + 2);
        if (close <= p + 2 || close + 1 >= text.length() || text.charAt(close + 1) != 's') {
            throw syntaxError(entry, ctx, "bad reference, expected %(name)s");
        }
        String name = text.substring(p + 2, close).toLowerCase(Locale.ROOT);
        RawEntry target = ctx.visible().get(name);
        if (target == null) {
            if (ctx.tolerateMissing()) {
                throw new ToleratedMissing();
            }
            throw new ConfigException(source, entry.line(), "'" + entry.key() + "'" + where(entry, ctx)
                    + " refers to missing key '" + name + "'");
        }
        if (++referencesExpanded > MAX_REFERENCES_PER_VALUE) {
            throw new ConfigException(source, ctx.top().line(), "too many %(name)s expansions while resolving '"
                    + ctx.top().key() + "' in [" + ctx.section() + "]");
        }
        // Values from the environment are final: a secret containing '%' must survive as is.
        if (!target.literal() && target.value().indexOf('%') >= 0) {
            expand(out, target, ctx, depth + 1);
        } else {
            out.append(target.value());
        }
        return close + 2;
    }

    private ConfigException syntaxError(RawEntry entry, Context ctx, String problem) {
        return new ConfigException(source, entry.line(), "bad interpolation syntax in '" + entry.key() + "'"
                + where(entry, ctx) + ": " + problem + " (write %% for a literal %)");
    }

    /** Says which section a key belongs to, and whether it came from DEFAULT. */
    private static String where(RawEntry entry, Context ctx) {
        boolean inherited = ctx.own().get(entry.key()) != entry;
        return inherited && !IniParser.DEFAULT_SECTION.equals(ctx.section())
                ? " (from [DEFAULT], used in [" + ctx.section() + "])"
                : " in [" + ctx.section() + "]";
    }
}
