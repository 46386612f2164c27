package io.logshipper;

/**
 * The shape of what a shipper produces, shared by the shipper and the tools that read it back: one Kafka record
 * per message, keyed {@code <programId>_log}, whose value is {@code {"timestamp": <epoch seconds>, "messages":
 * [...]}}, as OpenMSIStream's self-produced logs are. See docs/wire-format.md.
 */
public final class WireFormat {

    /** Every message key ends with this; what precedes it is the program id. */
    public static final String KEY_SUFFIX = "_log";
    /** The envelope field holding the message time in epoch seconds, a decimal number. */
    public static final String TIMESTAMP_FIELD = "timestamp";
    /** The envelope field holding the array of entries. */
    public static final String MESSAGES_FIELD = "messages";

    private WireFormat() {
    }

    /** The key of every message a program sends: {@code <programId>_log}. */
    public static String key(String programId) {
        return programId + KEY_SUFFIX;
    }

    /** Whether a key has the form {@code <programId>_log}. */
    public static boolean isLogKey(String key) {
        return key != null && key.endsWith(KEY_SUFFIX);
    }

    /** The program id in a key of the form {@code <programId>_log}; the key itself when it has another form. */
    public static String programIdOf(String key) {
        return isLogKey(key) ? key.substring(0, key.length() - KEY_SUFFIX.length()) : key;
    }
}
