package io.logshipper.config;

/**
 * Thrown for any problem in a config file.
 *
 * <p>The message always starts with {@code "<source>:<line>: "} when a line is known, else
 * {@code "<source>: "}, so editors and terminals can jump straight to the offending line.
 * Messages never carry values from the file, because values may be secrets that would
 * otherwise end up in logs shipped elsewhere.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String detail;

    /**
     * Creates an exception tied to a source and, optionally, a line.
     *
     * @param source  the file name or label the problem was found in
     * @param line    1-based line number; zero or negative means "no particular line"
     * @param message what went wrong, without the location prefix
     */
    public ConfigException(String source, int line, String message) {
        super(format(source, line, message));
        this.source = String.valueOf(source);
        this.line = Math.max(line, 0);
        this.detail = String.valueOf(message);
    }

    /**
     * Returns the file name or label the problem was found in.
     *
     * @return the source as given by the caller
     */
    public String source() {
        return source;
    }

    /**
     * Returns the 1-based line of the problem.
     *
     * @return the line, or 0 when the problem is not tied to a line
     */
    public int line() {
        return line;
    }

    /**
     * Returns the message without the location prefix, for callers that format it themselves.
     *
     * @return the bare message
     */
    public String detail() {
        return detail;
    }

    private static String format(String source, int line, String message) {
        String where = line > 0 ? source + ":" + line : String.valueOf(source);
        return where + ": " + message;
    }
}
