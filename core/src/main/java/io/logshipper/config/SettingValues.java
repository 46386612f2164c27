package io.logshipper.config;

import java.util.Locale;

/**
 * Parses the text values of logshipper's own settings the same way in every entry point (INI file, Logback
 * and Log4j2 XML), so the same mistake gets the same message everywhere. Messages never name the setting:
 * each caller adds its own name (file and line, element, attribute).
 */
public final class SettingValues {

    private SettingValues() {
    }

    /**
     * {@code true}, {@code yes}, {@code on}, {@code 1} or {@code false}, {@code no}, {@code off}, {@code 0}, in
     * any case.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static boolean bool(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false, not '" + value + "'");
        };
    }

    /**
     * Decimal seconds, finite and not negative (whether zero is allowed is the setting's own rule).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static double seconds(String value) {
        double d;
        try {
            d = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!Double.isFinite(d) || d < 0) {
            throw new IllegalArgumentException("must be a finite number of seconds, not '" + value + "'");
        }
        return d;
    }
}
