package io.logshipper.cli;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.logshipper.config.Kind;
import io.logshipper.config.Kinds;
import io.logshipper.config.Settings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option converters whose failures picocli reports as usage errors naming the option. Numbers and seconds are
 * parsed by the settings schema's parsers ({@link Kinds}), so an option takes the same spellings as the INI file
 * and the appenders, and a mistake gets the same reason.
 */
final class Converters {

    private Converters() {
    }

    /** Parses with one of the schema's kinds; the reason becomes picocli's "Invalid value for option" message. */
    abstract static class OfKind<T> implements ITypeConverter<T> {
        private final Kind<T> kind;

        OfKind(Kind<T> kind) {
            this.kind = kind;
        }

        @Override
        public T convert(String value) {
            try {
                return kind.parse(value);
            } catch (Kind.InvalidValueException e) {
                throw new TypeConversionException(e.reason());
            }
        }
    }

    /** A whole number greater than zero. */
    static final class PositiveLong extends OfKind<Long> {
        PositiveLong() {
            super(Kinds.wholeNumber(1L, Long.MAX_VALUE));
        }
    }

    /** A whole number greater than zero that fits an int. */
    static final class PositiveInt extends OfKind<Integer> {
        PositiveInt() {
            super(Kinds.wholeNumber(1, Integer.MAX_VALUE));
        }
    }

    /** A decimal number greater than zero, e.g. a rate. */
    static final class PositiveDecimal extends OfKind<Double> {
        PositiveDecimal() {
            super(Kinds.positiveDecimal(1e12));
        }
    }

    /** A topic name, by the schema's rule for {@code topic}. */
    static final class TopicName extends OfKind<String> {
        TopicName() {
            super(Settings.TOPIC.kind());
        }
    }

    /** The shipper's interval, by the schema's rule for {@code intervalSecs}. */
    static final class IntervalSecs extends OfKind<Duration> {
        IntervalSecs() {
            super(Settings.INTERVAL_SECS.kind());
        }
    }

    /** The shipper's close budget, by the schema's rule for {@code closeTimeoutSecs}. */
    static final class CloseTimeoutSecs extends OfKind<Duration> {
        CloseTimeoutSecs() {
            super(Settings.CLOSE_TIMEOUT_SECS.kind());
        }
    }

    /** A number of seconds from 0.01 to one day, e.g. aggregate's intervals. */
    static final class Seconds extends OfKind<Duration> {
        Seconds() {
            super(Kinds.seconds(Duration.ofMillis(10), Duration.ofDays(1)));
        }
    }

    /** A size in bytes, with an optional KiB, MiB or GiB suffix, of at least 1 KiB. */
    static final class ByteSize extends OfKind<Long> {
        ByteSize() {
            super(Kinds.byteSize(1024, Long.MAX_VALUE));
        }
    }

    /** A count from 0 up, e.g. how many rotated files to keep. */
    static final class Count extends OfKind<Integer> {
        Count() {
            super(Kinds.wholeNumber(0, 1000));
        }
    }

    /** A log level name, the way every front door spells it. */
    static final class Level extends OfKind<io.logshipper.LogLevel> {
        Level() {
            super(Kinds.logLevel());
        }
    }

    /** A Java regular expression; the message says where it is broken. */
    static final class Regex implements ITypeConverter<Pattern> {
        @Override
        public Pattern convert(String value) {
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new TypeConversionException(Kinds.quoted(value) + " is not a valid regular expression: "
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
