package io.logshipper.log4j2;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Property;

import io.logshipper.EntryFormat;
import io.logshipper.LogShipper;
import io.logshipper.LogShipperBuilder;
import io.logshipper.LogShipperConfig;
import io.logshipper.config.ConfigException;
import io.logshipper.config.IniConfig;
import io.logshipper.config.IniFile;
import io.logshipper.config.SettingValues;
import io.logshipper.config.ShipperKeys;

/**
 * Turns the {@code <KafkaLog>} element's attributes (all taken as strings, so that a typo is reported by us with
 * the attribute's name rather than silently defaulted by Log4j's converters) into validated shipper settings.
 * The config file is applied first and explicit attributes override it.
 */
final class AppenderSettings {

    /** Core's setting names that differ from the attribute that sets them. */
    private static final Map<String, String> ATTRIBUTE_OF = Map.of(
            "interval", "intervalSecs",
            "closeTimeout", "closeTimeoutSecs",
            "bootstrapServers (Kafka setting bootstrap.servers)", "bootstrapServers");

    String configFile;
    String bootstrapServers;
    String topic;
    String programId;
    String intervalSecs;
    String entryFormat;
    String sendWhenIdle;
    String maxBufferedEntries;
    String maxBufferedBytes;
    String maxMessageBytes;
    String closeTimeoutSecs;
    Property[] properties = Property.EMPTY_ARRAY;

    /** What {@link #resolve()} produced: the shipper's settings plus the lowest level to ship, if any. */
    record Resolved(LogShipperConfig config, Level threshold) {
    }

    /**
     * Validates everything without starting anything.
     *
     * @throws IllegalArgumentException whose message names the attribute, property or file line at fault
     */
    Resolved resolve() {
        LogShipperBuilder b = LogShipper.builder();
        Level threshold = null;
        if (isSet(configFile)) {
            try {
                IniFile ini = IniFile.load(Path.of(configFile.trim()));
                IniConfig.applyTo(b, ini);
                threshold = iniThreshold(ini);
            } catch (ConfigException e) {
                throw new IllegalArgumentException("attribute configFile: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("attribute configFile: cannot read '" + configFile + "': " + e, e);
            }
        }
        if (isSet(bootstrapServers)) {
            b.bootstrapServers(bootstrapServers);
        }
        if (isSet(topic)) {
            b.topic(topic.trim());
        }
        if (isSet(programId)) {
            b.programId(programId.trim());
        }
        if (isSet(intervalSecs)) {
            b.intervalSecs(positiveSeconds("intervalSecs", intervalSecs));
        }
        if (isSet(entryFormat)) {
            b.entryFormat(EntryFormat.parse("attribute entryFormat", entryFormat));
        }
        if (isSet(sendWhenIdle)) {
            b.sendWhenIdle(bool("sendWhenIdle", sendWhenIdle));
        }
        if (isSet(maxBufferedEntries)) {
            b.maxBufferedEntries((int) number("maxBufferedEntries", maxBufferedEntries, Integer.MAX_VALUE));
        }
        if (isSet(maxBufferedBytes)) {
            b.maxBufferedBytes(number("maxBufferedBytes", maxBufferedBytes, Long.MAX_VALUE));
        }
        if (isSet(maxMessageBytes)) {
            b.maxMessageBytes((int) number("maxMessageBytes", maxMessageBytes, Integer.MAX_VALUE));
        }
        if (isSet(closeTimeoutSecs)) {
            double secs = Double.parseDouble(check("closeTimeoutSecs", closeTimeoutSecs, true));
            b.closeTimeout(Duration.ofMillis(Math.round(secs * 1000)));
        }
        Map<String, String> kafka = producerSettings();
        b.producerConfig(kafka);
        try {
            return new Resolved(b.config(), threshold);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name(e.getMessage(), kafka), e);
        }
    }

    private Map<String, String> producerSettings() {
        Map<String, String> kafka = new LinkedHashMap<>();
        for (Property p : properties == null ? Property.EMPTY_ARRAY : properties) {
            if (p == null) {
                continue;
            }
            if (p.getName() == null || p.getName().isBlank()) {
                throw new IllegalArgumentException("a <Property> has no name");
            }
            if (p.getValue() == null) {
                throw new IllegalArgumentException("<Property name=\"" + p.getName() + "\"> has no value");
            }
            kafka.put(p.getName().trim(), p.getValue().trim());
        }
        return kafka;
    }

    /** Points core's message, which names the setting, at the attribute or Property the user wrote. */
    private static String name(String message, Map<String, String> kafka) {
        for (String key : kafka.keySet()) {
            if (message.contains("'" + key + "'")) {
                return "<Property name=\"" + key + "\">: " + message;
            }
        }
        for (Map.Entry<String, String> e : ATTRIBUTE_OF.entrySet()) {
            if (message.startsWith(e.getKey() + " ")) {
                return "attribute " + e.getValue() + message.substring(e.getKey().length());
            }
        }
        for (String attribute : new String[] {"topic", "programId", "maxBufferedEntries", "maxBufferedBytes",
                "maxMessageBytes"}) {
            if (message.startsWith(attribute + " ")) {
                return "attribute " + message;
            }
        }
        return message;
    }

    private static Level iniThreshold(IniFile ini) {
        String value = ini.section(IniConfig.LOG).flatMap(s -> s.get(ShipperKeys.LOG_LEVEL)).orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        Level level = Level.toLevel(value.trim().toUpperCase(Locale.ROOT), null);
        if (level == null) {
            throw new IllegalArgumentException("attribute configFile: [log] " + ShipperKeys.LOG_LEVEL
                    + " must be a Log4j level name, not '" + value + "'");
        }
        return level;
    }

    private static double positiveSeconds(String attribute, String value) {
        double secs = Double.parseDouble(check(attribute, value, false));
        if (secs <= 0) {
            throw new IllegalArgumentException("attribute " + attribute + " must be > 0, not '" + value + "'");
        }
        return secs;
    }

    /** Returns the trimmed value if it is a finite decimal (>= 0 when {@code zeroAllowed}), else throws. */
    private static String check(String attribute, String value, boolean zeroAllowed) {
        String v = value.trim();
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute " + attribute + " must be a number of seconds, not '"
                    + value + "'");
        }
        if (!Double.isFinite(d) || d < 0 || d == 0 && !zeroAllowed) {
            throw new IllegalArgumentException("attribute " + attribute + " must be a finite number of seconds "
                    + (zeroAllowed ? ">= 0" : "> 0") + ", not '" + value + "'");
        }
        return v;
    }

    private static long number(String attribute, String value, long max) {
        try {
            long n = Long.parseLong(value.trim().replace("_", ""));
            if (n <= 0 || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute " + attribute + " must be a whole number between 1 and "
                    + max + ", not '" + value + "'");
        }
    }

    private static boolean bool(String attribute, String value) {
        try {
            return SettingValues.bool(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute " + attribute + " " + e.getMessage());
        }
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
    }
}
