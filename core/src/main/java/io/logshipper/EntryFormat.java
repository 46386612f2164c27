package io.logshipper;

/** How each entry appears in a message's {@code "messages"} array. */
public enum EntryFormat {
    /** Each entry is one JSON string, as OpenMSIStream sends them. The default. */
    TEXT,
    /** Each entry is a JSON object with time, level, logger, thread, message, exception, MDC and markers. */
    JSON
}
