package io.logshipper.config;

import java.util.function.Function;

/**
 * The ways a user hands logshipper its settings. Each spells a setting its own way, and words an error about it
 * with that spelling; the reason after the name is the same at every door.
 */
public enum FrontDoor {
    /** The Java builder: {@code maxBufferedEntries must be ...}. */
    BUILDER(Setting::name, key -> ""),
    /** The INI file's {@code [log]} section: {@code app.ini:7: max.buffered.entries must be ...}. */
    INI(Setting::iniKey, key -> ""),
    /** The Logback appender's elements: {@code <maxBufferedEntries> must be ...}. */
    LOGBACK(s -> "<" + s.name() + ">", key -> "<producerConfig>: "),
    /** The Log4j2 appender's attributes: {@code attribute maxBufferedEntries must be ...}. */
    LOG4J2(s -> "attribute " + s.name(), key -> "<Property name=\"" + key + "\">: "),
    /** The host application's flags: {@code --log_interval_secs must be ...}. */
    FLAG(s -> s.flag().orElse(s.name()), key -> "");

    private final Function<Setting<?>, String> spelling;
    private final Function<String, String> kafkaPrefix;

    FrontDoor(Function<Setting<?>, String> spelling, Function<String, String> kafkaPrefix) {
        this.spelling = spelling;
        this.kafkaPrefix = kafkaPrefix;
    }

    /** The setting's name at this door. */
    String spell(Setting<?> s) {
        return spelling.apply(s);
    }

    /** What precedes an error about the Kafka producer setting {@code key} at this door. */
    String kafkaPrefix(String key) {
        return kafkaPrefix.apply(key);
    }
}
