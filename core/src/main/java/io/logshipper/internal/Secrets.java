package io.logshipper.internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Recognises settings whose values are secrets, so that no output ever shows them. */
public final class Secrets {

    /** What a secret value is shown as. */
    public static final String MASK = "[hidden]";

    private static final String[] SECRET_PARTS = {
        "password", "secret", "jaas", "token", "credential", "private.key", "keystore.key", "apikey", "api.key",
    };

    private Secrets() {
    }

    /** Whether the setting named {@code key} holds a secret (passwords, JAAS config, tokens, keys). */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String part : SECRET_PARTS) {
            if (k.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** The value as it may be printed. */
    public static String printable(String key, Object value) {
        return isSecret(key) ? MASK : String.valueOf(value);
    }

    /** A sorted copy of the settings with secret values masked. */
    public static Map<String, String> masked(Map<String, ?> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, printable(k, v)));
        return out;
    }
}
