package io.logshipper.spi;

import java.nio.file.Path;
import java.util.Map;

import io.logshipper.LogShipper;
import io.logshipper.LogShipperBuilder;
import io.logshipper.LogShipperConfig;
import io.logshipper.config.FrontDoor;
import io.logshipper.config.IniConfig;
import io.logshipper.config.IniFile;
import io.logshipper.config.Origin;
import io.logshipper.config.Setting;
import io.logshipper.config.SettingException;

/**
 * What every appender does with its configuration, in one place: the INI file it names first, then its own
 * settings (which override the file), then Kafka producer settings; no shutdown hook, since an appender closes
 * with its framework. Errors are worded for the appender's {@code door}, or for the file and line when the value
 * came from the file.
 */
public final class AppenderSettings {

    private AppenderSettings() {
    }

    /**
     * Validates everything without starting anything.
     *
     * @param door           the appender's front door, which words the errors
     * @param configFileName how the appender names its config-file setting in errors, e.g. {@code <configFile>}
     * @param configFile     the INI file, or null or blank for none
     * @param settings       the appender's own settings as text; blank text leaves a setting unset
     * @param kafka          Kafka producer settings, passed through
     * @throws IllegalArgumentException whose message names the element, attribute or file line at fault
     */
    public static LogShipperConfig resolve(FrontDoor door, String configFileName, String configFile,
                                           Map<Setting<?>, String> settings, Map<String, String> kafka) {
        LogShipperBuilder b = LogShipper.builder();
        if (configFile != null && !configFile.isBlank()) {
            try {
                IniConfig.applyTo(b, IniFile.load(Path.of(configFile.strip())));
            } catch (SettingException e) {
                throw new IllegalArgumentException(configFileName + ": " + e.wordedFor(door), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(configFileName + ": " + e.getMessage(), e);
            }
        }
        Origin origin = new Origin(door, null, 0);
        try {
            settings.forEach((setting, text) -> {
                if (text != null && !text.isBlank()) {
                    b.setText(setting, text, origin);
                }
            });
            kafka.forEach((key, value) -> b.producerSetting(key, value, origin));
            b.shutdownHook(false);
            return b.config();
        } catch (SettingException e) {
            boolean fromFile = e.origin().filter(o -> o.door() == FrontDoor.INI).isPresent();
            throw new IllegalArgumentException((fromFile ? configFileName + ": " : "") + e.wordedFor(door), e);
        }
    }
}
