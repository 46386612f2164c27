package io.logshipper.logback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the appender's text settings. Every failure becomes a {@link SettingException} naming the XML element,
 * because a message like "must be a number" is useless without knowing which of a dozen elements it is about.
 */
final class Settings {

    private Settings() {
    }

    static <T> void set(String element, T value, Setter<T> setter) throws SettingException {
        if (value == null) {
            return;
        }
        try {
            setter.apply(value);
        } catch (NumberFormatException e) {
            throw new SettingException(element, "must be a number, not '" + value + "'");
        } catch (IllegalArgumentException e) {
            throw new SettingException(element, e.getMessage());
        }
    }

    static Map<String, String> pairs(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                // The value is not echoed: it may well be a password.
                throw new IllegalArgumentException("must read key=value, as in compression.type=zstd");
            }
            out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return out;
    }

    @FunctionalInterface
    interface Setter<T> {
        void apply(T value);
    }

    /** A setting the user has to fix, named by its XML element. */
    static final class SettingException extends Exception {
        private static final long serialVersionUID = 1L;

        SettingException(String element, String message) {
            super("<" + element + ">: " + message);
        }
    }
}
