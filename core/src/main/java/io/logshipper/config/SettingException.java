package io.logshipper.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A setting's value is wrong, or a required one is missing. Carries the setting (or the Kafka producer setting's
 * name), the reason, and where the value came from, rather than a sentence to be parsed: each front door words
 * it with its own spelling ({@link #wordedFor}), and the reason is the same at every door:
 *
 * <pre>
 * app.ini:7: max.buffered.entries must be a whole number from 1 to 2147483647, not '0'
 * &lt;maxBufferedEntries&gt; must be a whole number from 1 to 2147483647, not '0'
 * attribute maxBufferedEntries must be a whole number from 1 to 2147483647, not '0'
 * </pre>
 *
 * Values of secret settings never appear in the reason.
 */
public final class SettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Setting<?> setting;
    private final String kafkaSetting;
    private final String reason;
    private final Origin origin;

    private SettingException(Setting<?> setting, String kafkaSetting, String reason, Origin origin) {
        super(message(setting, kafkaSetting, reason, origin == null ? Origin.BUILDER : origin), null);
        this.setting = setting;
        this.kafkaSetting = kafkaSetting;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.origin = origin;
    }

    /** A logshipper setting is wrong; {@code origin} may be null when the value was missing or is not known. */
    public static SettingException of(Setting<?> setting, String reason, Origin origin) {
        return new SettingException(Objects.requireNonNull(setting, "setting"), null, reason, origin);
    }

    /** A Kafka producer setting is wrong; the reason names it. */
    public static SettingException ofKafka(String kafkaSetting, String reason, Origin origin) {
        return new SettingException(null, Objects.requireNonNull(kafkaSetting, "kafkaSetting"), reason, origin);
    }

    /** The logshipper setting at fault, if it is one of logshipper's. */
    public Optional<Setting<?>> setting() {
        return Optional.ofNullable(setting);
    }

    /** The Kafka producer setting at fault, if it is one. */
    public Optional<String> kafkaSetting() {
        return Optional.ofNullable(kafkaSetting);
    }

    /** What is wrong, without the setting's name: {@code must be a whole number from 1 to 10, not '0'}. */
    public String reason() {
        return reason;
    }

    /** Where the wrong value came from, if known; a missing value has no origin. */
    public Optional<Origin> origin() {
        return Optional.ofNullable(origin);
    }

    /** The same error with its origin, unless it has one already. */
    public SettingException from(Origin where) {
        return origin != null ? this : new SettingException(setting, kafkaSetting, reason, where);
    }

    /**
     * The message as {@code door} words it, unless the value came through another door (a config file named by
     * an appender), which then words it.
     */
    public String wordedFor(FrontDoor door) {
        return message(setting, kafkaSetting, reason, origin != null ? origin : new Origin(door, null, 0));
    }

    private static String message(Setting<?> setting, String kafkaSetting, String reason, Origin origin) {
        if (setting == null) {
            return origin.location() + origin.door().kafkaPrefix(kafkaSetting) + reason;
        }
        return origin.location() + origin.door().spell(setting) + " " + reason;
    }
}
