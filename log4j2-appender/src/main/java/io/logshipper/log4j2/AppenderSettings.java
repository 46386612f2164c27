package io.logshipper.log4j2;

import java.nio.file.Path;
import java.util.Map;

import org.apache.logging.log4j.core.config.Property;

import io.logshipper.LogShipper;
import io.logshipper.LogShipperBuilder;
import io.logshipper.LogShipperConfig;
import io.logshipper.config.FrontDoor;
import io.logshipper.config.IniConfig;
import io.logshipper.config.IniFile;
import io.logshipper.config.Origin;
import io.logshipper.config.SettingException;
import io.logshipper.config.Settings;

/**
 * Turns the {@code <KafkaLog>} element's attributes (text, so that a typo is reported with the attribute's name by
 * the schema's parser, not silently defaulted by Log4j's converters) and its {@code <Property>} elements into
 * validated shipper settings. The config file is applied first and explicit attributes override it.
 */
final class AppenderSettings {

    private AppenderSettings() {
    }

    /**
     * Validates everything without starting anything.
     *
     * @param attributes the schema's settings by name, as text
     * @throws IllegalArgumentException whose message names the attribute, the {@code <Property>} or the file line
     */
    static LogShipperConfig resolve(String configFile, Map<String, String> attributes, Property[] properties) {
        LogShipperBuilder b = LogShipper.builder();
        if (isSet(configFile)) {
            try {
                IniConfig.applyTo(b, IniFile.load(Path.of(configFile.strip())));
            } catch (SettingException e) {
                throw new IllegalArgumentException("attribute configFile: " + e.wordedFor(FrontDoor.LOG4J2), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("attribute configFile: " + e.getMessage(), e);
            }
        }
        try {
            for (var setting : Settings.takenBy(FrontDoor.LOG4J2)) {
                String text = attributes.get(setting.name());
                if (isSet(text)) {
                    b.setText(setting, text, Origin.LOG4J2);
                }
            }
            for (Property p : properties == null ? Property.EMPTY_ARRAY : properties) {
                if (p == null) {
                    continue;
                }
                if (p.getName() == null || p.getName().isBlank()) {
                    throw new IllegalArgumentException("a <Property> has no name");
                }
                b.producerSetting(p.getName(), p.getValue(), Origin.LOG4J2);
            }
            // The appender follows Log4j's own shutdown (its shutdown hook, or LogManager.shutdown()).
            b.shutdownHook(false);
            return b.config();
        } catch (SettingException e) {
            boolean fromFile = e.origin().filter(o -> o.door() == FrontDoor.INI).isPresent();
            throw new IllegalArgumentException((fromFile ? "attribute configFile: " : "")
                    + e.wordedFor(FrontDoor.LOG4J2), e);
        }
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
    }
}
