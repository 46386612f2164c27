package io.logshipper.internal;

import picocli.CommandLine;

/** Parses {@code --log_interval_secs} for picocli, which loads this class only when it is present. */
public final class IntervalConverter implements CommandLine.ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        try {
            return Intervals.parse(null, value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
