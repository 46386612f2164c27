package io.logshipper.config;

/**
 * What sort of value a {@link Setting} takes: how its text is parsed, which values are allowed, and how the rule
 * reads in an error and in the documentation. There is one parser per kind, and every front door (the Java
 * builder, the INI file, the Logback and Log4j2 XML, the flags, the command line) uses it, so the same mistake
 * gets the same reason everywhere.
 *
 * @param <T> the value's Java type
 */
public interface Kind<T> {

    /**
     * Parses a value as a user wrote it (surrounding white space is ignored).
     *
     * @throws InvalidValueException saying what the value must be, e.g. {@code must be a whole number from 1 to
     *     2147483647, not '0'}
     */
    T parse(String text);

    /**
     * Checks a value given in Java (through the builder): by default, by parsing it as a user would write it, so
     * that the rule and its words are the same.
     *
     * @throws InvalidValueException in the same words as {@link #parse} for the same value
     */
    default T check(T value) {
        return parse(value == null ? null : format(value));
    }

    /** The value as a user would write it, e.g. {@code 0.5} for half a second. */
    default String format(T value) {
        return String.valueOf(value);
    }

    /** The rule, as the documentation shows it, e.g. {@code whole number from 1 to 2147483647}. */
    String rule();

    /** The Java type of the values. */
    Class<T> type();

    /** A value that breaks a kind's rule; carries only the reason, which the front door words with its name. */
    final class InvalidValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** @param reason what the value must be and what it was, e.g. {@code must be true or false, not 'x'} */
        public InvalidValueException(String reason) {
            super(reason, null);
        }

        /** What the value must be and what it was. */
        public String reason() {
            return getMessage();
        }
    }
}
