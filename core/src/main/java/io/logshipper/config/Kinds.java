package io.logshipper.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import io.logshipper.LogLevel;
import io.logshipper.config.Kind.InvalidValueException;
import io.logshipper.internal.SettingNames;

/**
 * The kinds of values settings take, one parser each. Numbers are plain decimal numbers only: no {@code _}
 * separators, no hexadecimal, no exponents, no {@code f}/{@code d} suffixes; out-of-range values are rejected,
 * never clamped. Byte sizes may carry a {@code KiB}, {@code MiB} or {@code GiB} suffix.
 */
public final class Kinds {

    private Kinds() {
    }

    /** Text that is not empty or blank; kept trimmed. */
    public static Kind<String> text() {
        return TEXT;
    }

    /** A Kafka topic name, by Kafka's own rules. */
    public static Kind<String> topic() {
        return TOPIC;
    }

    /**
     * Kafka record headers written {@code name=value,name2=value2}; an empty value leaves that header out. See
     * {@link HeaderKind}.
     */
    public static Kind<java.util.Map<String, String>> headers() {
        return HeaderKind.INSTANCE;
    }

    /** A whole number from {@code min} to {@code max}, as an int. */
    public static Kind<Integer> wholeNumber(int min, int max) {
        return new NumberKinds.WholeNumber(min, max);
    }

    /** A whole number from {@code min} to {@code max}, as a long, e.g. a count. */
    public static Kind<Long> wholeNumber(long min, long max) {
        return new NumberKinds.LongNumber(min, max);
    }

    /** A number of bytes from {@code min} to {@code max}, digits with an optional KiB, MiB or GiB suffix. */
    public static Kind<Long> byteSize(long min, long max) {
        return new NumberKinds.ByteSize(min, max);
    }

    /** A decimal number of seconds from {@code min} to {@code max}, as a duration. */
    public static Kind<Duration> seconds(Duration min, Duration max) {
        return new NumberKinds.Seconds(min, max);
    }

    /**
     * What a full buffer does to the caller: {@code drop} (never wait), or {@code wait:<time>} with the time in
     * {@code ms} or {@code s}, e.g. {@code wait:50ms}, from {@code min} to {@code max}; {@link Duration#ZERO} means
     * drop.
     */
    public static Kind<Duration> overflow(Duration min, Duration max) {
        return new Overflow(min, max);
    }

    /** A decimal number greater than zero and at most {@code max}, e.g. a rate. */
    public static Kind<Double> positiveDecimal(double max) {
        return new NumberKinds.PositiveDecimal(max);
    }

    /** {@code true}, {@code yes}, {@code on}, {@code 1} or {@code false}, {@code no}, {@code off}, {@code 0}, any case. */
    public static Kind<Boolean> bool() {
        return BOOL;
    }

    /** A {@link LogLevel} by its name in any case, or by Python's or {@code java.util.logging}'s name for it. */
    public static Kind<LogLevel> logLevel() {
        return LOG_LEVEL;
    }

    /** One of an enum's constants, written in any case. */
    public static <E extends Enum<E>> Kind<E> oneOf(Class<E> type) {
        return new OneOf<>(type);
    }

    /**
     * Names of public classes implementing {@code type} that have a public no-argument constructor, separated by
     * commas; each is loaded (not initialised) through the thread's context class loader, else logshipper's own, so
     * that a name that cannot be found or does not fit is refused where it is written.
     */
    public static <T> Kind<List<String>> classNames(Class<T> type) {
        return new ClassNames(type);
    }

    /** Loads a class {@link #classNames} accepted: through the context class loader, else logshipper's own. */
    public static Class<?> loadClass(String name) throws ClassNotFoundException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(name, false, context);
            } catch (ClassNotFoundException | LinkageError e) {
                // Not there: try logshipper's own loader below.
            }
        }
        try {
            return Class.forName(name, false, Kinds.class.getClassLoader());
        } catch (LinkageError e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    /**
     * Quotes a value for an error message: {@code 'text'}, or for text over 80 characters its first 60 and how long it
     * was, so that a megabyte of input never becomes a megabyte of error; control characters are escaped.
     */
    public static String quoted(String text) {
        return text == null ? "nothing" : SettingNames.quoted(text);
    }

    static InvalidValueException invalid(String rule, String text) {
        return new InvalidValueException("must be " + rule + ", not " + quoted(text));
    }

    private static final Kind<String> TEXT = new Kind<>() {
        @Override
        public String parse(String text) {
            if (text == null || text.isBlank()) {
                throw new InvalidValueException("must not be empty");
            }
            return text.strip();
        }

        @Override
        public String rule() {
            return "text, not empty";
        }

        @Override
        public Class<String> type() {
            return String.class;
        }
    };

    private static final Kind<String> TOPIC = new Kind<>() {
        private static final String RULE = "a Kafka topic name (1 to 249 of the characters a-z, A-Z, 0-9, '.', '_'"
                + " and '-', and not '.' or '..')";

        @Override
        public String parse(String text) {
            String t = text == null ? "" : text.strip();
            try {
                Topic.validate(t);
            } catch (InvalidTopicException e) {
                throw invalid(RULE, text);
            }
            return t;
        }

        @Override
        public String rule() {
            return RULE;
        }

        @Override
        public Class<String> type() {
            return String.class;
        }
    };

    private static final Kind<Boolean> BOOL = new Kind<>() {
        @Override
        public Boolean parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw invalid(rule(), text);
            };
        }

        @Override
        public String rule() {
            return "true or false (or yes/no, on/off, 1/0)";
        }

        @Override
        public Class<Boolean> type() {
            return Boolean.class;
        }
    };

    private static final Kind<LogLevel> LOG_LEVEL = new Kind<>() {
        private final Kind<LogLevel> names = oneOf(LogLevel.class);

        @Override
        public LogLevel parse(String text) {
            String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
            return switch (t) {
                case "WARNING" -> LogLevel.WARN;
                case "CRITICAL" -> LogLevel.FATAL;
                case "SEVERE" -> LogLevel.ERROR;
                case "CONFIG" -> LogLevel.INFO;
                case "FINE" -> LogLevel.DEBUG;
                case "FINER", "FINEST" -> LogLevel.TRACE;
                default -> {
                    try {
                        yield names.parse(text);
                    } catch (InvalidValueException e) {
                        throw invalid(rule(), text);
                    }
                }
            };
        }

        @Override
        public String format(LogLevel value) {
            return names.format(value);
        }

        @Override
        public String rule() {
            return names.rule() + " (or Python's and java.util.logging's names, such as 'warning' or 'severe')";
        }

        @Override
        public Class<LogLevel> type() {
            return LogLevel.class;
        }
    };

    private record ClassNames(Class<?> implemented) implements Kind<List<String>> {
        /** More is a mistake, or hostile input; it keeps the loading work bounded. */
        private static final int MAX_CLASSES = 32;

        @Override
        public List<String> parse(String text) {
            if (text == null || text.isBlank()) {
                throw new InvalidValueException("must not be empty");
            }
            String[] names = text.split(",", MAX_CLASSES + 1);
            if (names.length > MAX_CLASSES) {
                throw new InvalidValueException("must name at most " + MAX_CLASSES + " classes");
            }
            List<String> out = new java.util.ArrayList<>(names.length);
            for (String raw : names) {
                String name = raw.strip();
                if (!isBinaryName(name)) {
                    throw invalid(rule(), text);
                }
                out.add(name);
            }
            out.forEach(this::check);
            return List.copyOf(out);
        }

        private void check(String name) {
            Class<?> c;
            try {
                c = loadClass(name);
            } catch (ClassNotFoundException e) {
                throw new InvalidValueException("names class " + quoted(name) + ", which cannot be found");
            }
            if (!implemented.isAssignableFrom(c)) {
                throw new InvalidValueException("names class " + quoted(name) + ", which does not implement " + implemented.getName());
            }
            try {
                if (java.lang.reflect.Modifier.isAbstract(c.getModifiers())
                        || !java.lang.reflect.Modifier.isPublic(c.getConstructor().getModifiers())) {
                    throw new NoSuchMethodException();
                }
            } catch (NoSuchMethodException | SecurityException | LinkageError e) {
                throw new InvalidValueException("names class " + quoted(name)
                        + ", which has no public no-argument constructor");
            }
        }

        private static boolean isBinaryName(String name) {
            if (name.isEmpty()) {
                return false;
            }
            for (String part : name.split("\\.", -1)) {
                if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                    return false;
                }
                for (int i = 1; i < part.length(); i++) {
                    if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public String format(List<String> value) {
            return String.join(", ", value);
        }

        @Override
        public String rule() {
            return "names of classes implementing " + implemented.getName() + " with a public no-argument constructor,"
                    + " separated by commas";
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<List<String>> type() {
            return (Class<List<String>>) (Class<?>) List.class;
        }
    }

    private record OneOf<E extends Enum<E>>(Class<E> type) implements Kind<E> {
        @Override
        public E parse(String text) {
            String t = text == null ? "" : text.strip();
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(t)) {
                    return e;
                }
            }
            throw invalid(rule(), text);
        }

        @Override
        public String format(E value) {
            return value.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String rule() {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(this::format).map(n -> "'" + n + "'")
                    .collect(Collectors.toList());
            if (names.size() == 2) {
                return names.get(0) + " or " + names.get(1);
            }
            return "one of " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                    + names.get(names.size() - 1);
        }
    }

    private static final class Overflow implements Kind<Duration> {
        private static final java.util.regex.Pattern WAIT =
                java.util.regex.Pattern.compile("wait: *([0-9]{1,9}(\\.[0-9]{1,6})?) *(ms|s)", java.util.regex.Pattern.CASE_INSENSITIVE);

        private final Duration min;
        private final Duration max;

        Overflow(Duration min, Duration max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Duration parse(String text) {
            String t = text == null ? "" : text.strip();
            if (t.equalsIgnoreCase("drop")) {
                return Duration.ZERO;
            }
            java.util.regex.Matcher m = WAIT.matcher(t);
            if (!m.matches()) {
                throw invalid(rule(), text);
            }
            java.math.BigDecimal amount = new java.math.BigDecimal(m.group(1));
            long nanos = amount.multiply(java.math.BigDecimal.valueOf(
                    m.group(3).equalsIgnoreCase("ms") ? 1_000_000L : 1_000_000_000L)).longValue();
            Duration wait = Duration.ofNanos(nanos);
            if (wait.compareTo(min) < 0 || wait.compareTo(max) > 0) {
                throw invalid(rule(), text);
            }
            return wait;
        }

        @Override
        public String format(Duration value) {
            if (value.isZero()) {
                return "drop";
            }
            return "wait:" + java.math.BigDecimal.valueOf(value.toNanos(), 6).stripTrailingZeros().toPlainString()
                    + "ms";
        }

        @Override
        public String rule() {
            return "'drop' or 'wait:' and a time from " + format(min).substring(5) + " to "
                    + max.toMillis() / 1000 + "s, such as 'wait:50ms'";
        }

        @Override
        public Class<Duration> type() {
            return Duration.class;
        }
    }
}
