package io.logshipper.internal;

/** Parses interval values given in decimal seconds; free of picocli so that plain {@code fromArgs} works without it. */
public final class Intervals {

    private Intervals() {
    }

    /**
     * The interval in seconds.
     *
     * @param flag the flag name for the message, or null when the caller adds it itself
     * @throws IllegalArgumentException for anything but a finite number above zero
     */
    public static double parse(String flag, String value) {
        double d;
        try {
            d = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!Double.isFinite(d) || d <= 0) {
            String problem = "'" + value + "' is not a finite number of seconds > 0";
            throw new IllegalArgumentException(flag == null ? problem
                    : "Invalid value for option '" + flag + "': " + problem);
        }
        return d;
    }
}
