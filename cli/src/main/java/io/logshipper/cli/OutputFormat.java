package io.logshipper.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.CommandLine.TypeConversionException;

/** How {@code tail} prints what it reads. */
enum OutputFormat {
    /** One readable line per entry, prefixed with program id and message time. */
    TEXT,
    /** One JSON object per entry, for jq. */
    JSON,
    /** One line per Kafka message, as the Python consumer prints it: {@code [key]: <dict repr>}. */
    RAW;

    /** The name used on the command line. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutputFormat parse(String value) {
        for (OutputFormat f : values()) {
            if (f.cliName().equals(value)) {
                return f;
            }
        }
        throw new TypeConversionException("expected one of " + names() + " but was '" + value + "'");
    }

    static String names() {
        return Arrays.stream(values()).map(OutputFormat::cliName).collect(Collectors.joining(", "));
    }
}
