package io.logshipper.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The numeric kinds behind {@link Kinds}: plain decimal numbers only, checked against their range without ever
 * overflowing (a 40-character limit, then {@code BigInteger}/{@code BigDecimal}), so that the rule and its words are
 * the same for every value.
 */
final class NumberKinds {

    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern BYTES = Pattern.compile("([+-]?[0-9]+) *([KMG]iB)?", Pattern.CASE_INSENSITIVE);
    /** Longer texts are out of any range we accept; they are not parsed at all (a 1 MB "number" costs nothing). */
    private static final int MAX_NUMBER_LENGTH = 40;
    private static final long KIB = 1024;
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private NumberKinds() {
    }

    /** Parses a whole number from {@code min} to {@code max}, or throws in the words of {@code rule}. */
    static long whole(String text, long min, long max, String rule) {
        String t = text == null ? "" : text.strip();
        if (t.length() > MAX_NUMBER_LENGTH || !WHOLE.matcher(t).matches()) {
            throw Kinds.invalid(rule, text);
        }
        BigInteger n = new BigInteger(t);
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw Kinds.invalid(rule, text);
        }
        return n.longValue();
    }

    record LongNumber(long min, long max) implements Kind<Long> {
        @Override
        public Long parse(String text) {
            return whole(text, min, max, rule());
        }

        @Override
        public String rule() {
            return "a whole number from " + min + " to " + max;
        }

        @Override
        public Class<Long> type() {
            return Long.class;
        }
    }

    /** An int-valued {@link LongNumber}. */
    record WholeNumber(int min, int max) implements Kind<Integer> {
        @Override
        public Integer parse(String text) {
            return (int) whole(text, min, max, rule());
        }

        @Override
        public String rule() {
            return new LongNumber(min, max).rule();
        }

        @Override
        public Class<Integer> type() {
            return Integer.class;
        }
    }

    record ByteSize(long min, long max) implements Kind<Long> {
        @Override
        public Long parse(String text) {
            String t = text == null ? "" : text.strip();
            var m = BYTES.matcher(t);
            if (t.length() > MAX_NUMBER_LENGTH || !m.matches()) {
                throw Kinds.invalid(rule(), text);
            }
            BigInteger n = new BigInteger(m.group(1));
            if (m.group(2) != null) {
                int shift = switch (Character.toUpperCase(m.group(2).charAt(0))) {
                    case 'K' -> 10;
                    case 'M' -> 20;
                    default -> 30;
                };
                n = n.shiftLeft(shift);
            }
            if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
                throw Kinds.invalid(rule(), text);
            }
            return n.longValue();
        }

        @Override
        public Long check(Long value) {
            if (value == null || value < min || value > max) {
                throw Kinds.invalid(rule(), String.valueOf(value));
            }
            return value;
        }

        @Override
        public String rule() {
            return "a number of bytes from " + bytes(min) + " to " + bytes(max) + " (digits, optionally followed by"
                    + " KiB, MiB or GiB)";
        }

        private static String bytes(long n) {
            for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
                long size = unit.equals("GiB") ? KIB * KIB * KIB : unit.equals("MiB") ? KIB * KIB : KIB;
                if (n >= size && n % size == 0) {
                    return n / size + " " + unit;
                }
            }
            return String.valueOf(n);
        }

        @Override
        public Class<Long> type() {
            return Long.class;
        }
    }

    record Seconds(Duration min, Duration max) implements Kind<Duration> {
        @Override
        public Duration parse(String text) {
            String t = text == null ? "" : text.strip();
            if (t.length() > MAX_NUMBER_LENGTH || !DECIMAL.matcher(t).matches()) {
                throw Kinds.invalid(rule(), text);
            }
            BigDecimal nanos = new BigDecimal(t).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_UP);
            if (nanos.compareTo(BigDecimal.valueOf(min.toNanos())) < 0
                    || nanos.compareTo(BigDecimal.valueOf(max.toNanos())) > 0) {
                throw Kinds.invalid(rule(), text);
            }
            return Duration.ofNanos(nanos.longValueExact());
        }

        @Override
        public String format(Duration value) {
            BigDecimal seconds = BigDecimal.valueOf(value.getSeconds()).add(BigDecimal.valueOf(value.getNano(), 9));
            return seconds.stripTrailingZeros().toPlainString();
        }

        @Override
        public String rule() {
            return "a decimal number of seconds from " + format(min) + " to " + format(max);
        }

        @Override
        public Class<Duration> type() {
            return Duration.class;
        }
    }

    record PositiveDecimal(double max) implements Kind<Double> {
        @Override
        public Double parse(String text) {
            String t = text == null ? "" : text.strip();
            if (t.length() > MAX_NUMBER_LENGTH || !DECIMAL.matcher(t).matches()) {
                throw Kinds.invalid(rule(), text);
            }
            return check(Double.parseDouble(t), text);
        }

        @Override
        public Double check(Double value) {
            return check(value, String.valueOf(value));
        }

        private Double check(Double value, String text) {
            if (value == null || !(value > 0) || value > max) {
                throw Kinds.invalid(rule(), text);
            }
            return value;
        }

        @Override
        public String format(Double value) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }

        @Override
        public String rule() {
            return "a decimal number greater than 0 and at most " + format(max);
        }

        @Override
        public Class<Double> type() {
            return Double.class;
        }
    }
}
