package io.logshipper.cli;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose failures picocli reports as usage errors naming the option. */
final class Converters {

    private Converters() {
    }

    /** A whole number greater than zero. */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n;
            try {
                n = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (n <= 0) {
                throw new TypeConversionException("must be greater than 0, not " + value);
            }
            return n;
        }
    }

    /** A whole number greater than zero that fits an int. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = new PositiveLong().convert(value);
            if (n > Integer.MAX_VALUE) {
                throw new TypeConversionException("must be at most " + Integer.MAX_VALUE + ", not " + value);
            }
            return (int) n;
        }
    }

    /** A finite decimal number greater than zero, e.g. seconds. */
    static final class PositiveDecimal implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number");
            }
            if (!Double.isFinite(d) || d <= 0) {
                throw new TypeConversionException("must be a number greater than 0, not " + value);
            }
            return d;
        }
    }

    /** A Java regular expression; the message says where it is broken. */
    static final class Regex implements ITypeConverter<Pattern> {
        @Override
        public Pattern convert(String value) {
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
    }

    /** One of the {@link OutputFormat} names, lower case. */
    static final class Format implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return OutputFormat.parse(value);
        }
    }
}
