package io.logshipper;

import java.util.Locale;

/** How each entry appears in a message's {@code "messages"} array. */
public enum EntryFormat {
    /** Each entry is one JSON string, as OpenMSIStream sends them. The default. */
    TEXT,
    /** Each entry is a JSON object with time, level, logger, thread, message, exception, MDC and markers. */
    JSON;

    /**
     * Parses {@code text} or {@code json}, in any case.
     *
     * @throws IllegalArgumentException naming the setting and the accepted values
     */
    public static EntryFormat parse(String setting, String value) {
        if (value != null) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "text":
                    return TEXT;
                case "json":
                    return JSON;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(setting + " must be 'text' or 'json', not '" + value + "'");
    }
}
