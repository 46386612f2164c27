package io.logshipper.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.logshipper.LogLevel;
import io.logshipper.config.Kind;
import io.logshipper.config.Kinds;

/**
 * Which entries the aggregator writes, by level: a default threshold ({@code --level}), and thresholds per
 * program and per program and logger prefix, changed at run time through {@code POST /levels/...}. The longest
 * matching logger prefix wins, then the program's, then the default. Entries without a recognisable level are
 * always written: dropping what cannot be classified would lose exactly the unusual lines.
 *
 * <p>Only level names are ever accepted (the seed's logging configuration server took whole configuration
 * documents, which is code execution). Read on the polling thread, written by HTTP threads: concurrent maps.
 */
final class LevelPolicy {

    /** The level words of a text entry, which has no level field. */
    private static final java.util.Set<String> LEVEL_WORDS = java.util.Set.of("FATAL", "SEVERE", "CRITICAL", "ERROR",
            "WARNING", "WARN", "INFO", "DEBUG", "TRACE", "FINE", "FINER", "FINEST");
    private static final Kind<LogLevel> LEVEL = Kinds.logLevel();
    /** How far into a text entry its level word is looked for. */
    private static final int LEVEL_SCAN = 160;
    /** Most programs and logger rules the API keeps, so hostile callers cannot grow memory without bound. */
    static final int MAX_RULES = 10_000;

    private final LogLevel defaultLevel;
    private final ConcurrentMap<String, LogLevel> programs = new ConcurrentHashMap<>();
    /** program → (logger prefix → level). */
    private final ConcurrentMap<String, ConcurrentMap<String, LogLevel>> loggers = new ConcurrentHashMap<>();

    LevelPolicy(LogLevel defaultLevel) {
        this.defaultLevel = defaultLevel;
    }

    LogLevel defaultLevel() {
        return defaultLevel;
    }

    /** The level of an entry: its level field's name, or the first level word in its text; null if none. */
    static String levelName(com.fasterxml.jackson.databind.JsonNode entry, String text) {
        if (entry.isObject() && entry.hasNonNull("level")) {
            return entry.get("level").asText();
        }
        return firstLevelWord(text);
    }

    /**
     * The first whole word among {@link #LEVEL_WORDS} within the first {@value #LEVEL_SCAN} characters (where every
     * layout in use puts it). Hand-written: a regular expression here cost more than the rest of the pipeline.
     */
    static String firstLevelWord(String text) {
        int end = Math.min(text.length(), LEVEL_SCAN);
        int i = 0;
        while (i < end) {
            while (i < end && !isUpper(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && isUpper(text.charAt(i))) {
                i++;
            }
            int len = i - start;
            boolean boundaryBefore = start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1))
                    && text.charAt(start - 1) != '_';
            boolean boundaryAfter = i == text.length() || !Character.isLetterOrDigit(text.charAt(i))
                    && text.charAt(i) != '_';
            if (len >= 4 && len <= 8 && boundaryBefore && boundaryAfter) {
                String word = text.substring(start, i);
                if (LEVEL_WORDS.contains(word)) {
                    return word;
                }
            }
            while (i < end && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
        }
        return null;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /**
     * The logger of an entry: its {@code logger} field, or, for a text entry in the appenders' layout
     * {@code time LEVEL [thread] logger - message}, the word before {@code " - "}; null if none.
     */
    static String loggerName(com.fasterxml.jackson.databind.JsonNode entry, String text) {
        if (entry.isObject()) {
            return entry.hasNonNull("logger") ? entry.get("logger").asText() : null;
        }
        // time LEVEL [thread] logger - message, parsed by hand for the same reason as firstLevelWord.
        int n = Math.min(text.length(), 1000);
        int i = skipWord(text, 0, n);
        i = skipSpaces(text, i, n);
        int levelStart = i;
        i = skipWord(text, i, n);
        if (i == levelStart || i >= n || text.charAt(i) != ' ') {
            return null;
        }
        i = skipSpaces(text, i, n);
        if (i >= n || text.charAt(i) != '[') {
            return null;
        }
        int close = text.indexOf(']', i);
        if (close < 0 || close >= n) {
            return null;
        }
        i = skipSpaces(text, close + 1, n);
        int loggerStart = i;
        i = skipWord(text, i, n);
        if (i == loggerStart || !text.startsWith(" - ", i)) {
            return null;
        }
        return text.substring(loggerStart, i);
    }

    private static int skipWord(String s, int i, int n) {
        while (i < n && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int i, int n) {
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Parses a level name the way every logshipper front door does; null when it is no level. */
    static LogLevel parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return LEVEL.parse(name);
        } catch (Kind.InvalidValueException e) {
            return null;
        }
    }

    /** The rule a level name must follow, for error messages. */
    static String rule() {
        return LEVEL.rule();
    }

    /** Whether every entry is written whatever its level: no entry's level needs to be found. */
    boolean writesAll() {
        return defaultLevel == LogLevel.ALL && programs.isEmpty() && loggers.isEmpty();
    }

    /** Whether some rule names a logger of this program: only then does an entry's logger need to be found. */
    boolean hasLoggerRules(String program) {
        return program != null && loggers.containsKey(program);
    }

    /** Whether an entry of this program, logger and level name is written. */
    boolean accepts(String program, String logger, String levelName) {
        LogLevel threshold = threshold(program, logger);
        if (threshold == LogLevel.ALL) {
            return true;
        }
        LogLevel level = parse(levelName);
        if (level == null) {
            return threshold != LogLevel.OFF;
        }
        return level.compareTo(threshold) >= 0;
    }

    private LogLevel threshold(String program, String logger) {
        if (program == null) {
            return defaultLevel;
        }
        Map<String, LogLevel> byLogger = loggers.get(program);
        if (byLogger != null && logger != null) {
            String best = null;
            for (String prefix : byLogger.keySet()) {
                if (covers(prefix, logger) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            if (best != null) {
                return byLogger.get(best);
            }
        }
        return programs.getOrDefault(program, defaultLevel);
    }

    /** {@code com.acme} covers {@code com.acme} and {@code com.acme.Foo}, not {@code com.acmex}. */
    private static boolean covers(String prefix, String logger) {
        return logger.startsWith(prefix)
                && (logger.length() == prefix.length() || logger.charAt(prefix.length()) == '.'
                    || logger.charAt(prefix.length()) == '$');
    }

    /**
     * Sets or (with null) resets a program's or a program's logger prefix's threshold.
     *
     * @return false when the rule limit is reached
     */
    boolean set(String program, String logger, LogLevel level) {
        if (logger == null) {
            if (level == null) {
                programs.remove(program);
                return true;
            }
            if (!programs.containsKey(program) && size() >= MAX_RULES) {
                return false;
            }
            programs.put(program, level);
            return true;
        }
        if (level == null) {
            ConcurrentMap<String, LogLevel> byLogger = loggers.get(program);
            if (byLogger != null) {
                byLogger.remove(logger);
                loggers.remove(program, Map.of());
            }
            return true;
        }
        if (size() >= MAX_RULES) {
            return false;
        }
        loggers.computeIfAbsent(program, p -> new ConcurrentHashMap<>()).put(logger, level);
        return true;
    }

    private int size() {
        return programs.size() + loggers.values().stream().mapToInt(Map::size).sum();
    }

    /** What {@code GET /levels} shows: program → {configuredLevel, loggers: {prefix → {configuredLevel}}}. */
    Map<String, Map<String, Object>> snapshot() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        programs.forEach((p, l) -> out.computeIfAbsent(p, k -> new TreeMap<>()).put("configuredLevel", l.name()));
        loggers.forEach((p, byLogger) -> {
            Map<String, Object> loggerMap = new TreeMap<>();
            byLogger.forEach((lg, l) -> loggerMap.put(lg, Map.of("configuredLevel", l.name())));
            if (!loggerMap.isEmpty()) {
                out.computeIfAbsent(p, k -> new TreeMap<>()).put("loggers", loggerMap);
            }
        });
        return out;
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
