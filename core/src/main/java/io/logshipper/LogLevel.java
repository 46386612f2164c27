package io.logshipper;

/**
 * The lowest level of events an adapter ships ({@code log.level}); events below it still reach the application's
 * other appenders. The names are the ones Logback, Log4j2 and SLF4J share; {@code ALL} ships everything (the
 * default) and {@code OFF} nothing.
 */
public enum LogLevel {
    /** Every event. */
    ALL,
    /** TRACE and above. */
    TRACE,
    /** DEBUG and above. */
    DEBUG,
    /** INFO and above. */
    INFO,
    /** WARN and above. */
    WARN,
    /** ERROR only. */
    ERROR,
    /** No event. */
    OFF
}
