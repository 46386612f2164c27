package io.logshipper;

/**
 * The lowest level of events an adapter ships ({@code log.level}); events below it still reach the application's
 * other appenders. The names are the ones Logback, Log4j2 and SLF4J share, plus Log4j2's {@code FATAL} (Logback,
 * which has no such level, ships its ERROR events for it); {@code ALL} ships everything (the default) and
 * {@code OFF} nothing. The settings also accept Python's and {@code java.util.logging}'s names for them
 * ({@code WARNING}, {@code CRITICAL}, {@code SEVERE}, {@code FINE}...), as OpenMSIStream's config files use.
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
    /** ERROR and above. */
    ERROR,
    /** FATAL only (ERROR in Logback, SEVERE in java.util.logging). */
    FATAL,
    /** No event. */
    OFF
}
