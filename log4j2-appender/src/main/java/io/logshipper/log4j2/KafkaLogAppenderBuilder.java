package io.logshipper.log4j2;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.status.StatusLogger;

import io.logshipper.EntryFormat;
import io.logshipper.LogShipperConfig;
import io.logshipper.config.FrontDoor;
import io.logshipper.config.Setting;
import io.logshipper.config.Settings;
import io.logshipper.spi.AppenderSettings;

/**
 * Builds a {@link KafkaLogAppender}. Every attribute is read as text and checked here, so that a mistake is
 * reported through the StatusLogger as {@code KafkaLog 'NAME': attribute X ...}; the builder then returns null
 * and Log4j goes on without this appender.
 *
 * @param <B> the builder type
 */
public class KafkaLogAppenderBuilder<B extends KafkaLogAppenderBuilder<B>> extends AbstractAppender.Builder<B>
        implements org.apache.logging.log4j.core.util.Builder<KafkaLogAppender> {

    private static final Logger STATUS = StatusLogger.getLogger();

    @PluginBuilderAttribute
    private String configFile;
    /** Every attribute that names one of the schema's settings, as text; see {@link SettingAttributes}. */
    @SettingAttributes
    private Map<String, String> settings = new LinkedHashMap<>();

    /** An INI file with {@code [broker]} and {@code [log]} sections; attributes override it. */
    public B setConfigFile(String value) {
        this.configFile = value;
        return asBuilder();
    }

    /**
     * Sets one of the schema's settings by its attribute name, as text, for an appender built in code, e.g.
     * {@code set("topic", "logs")}; it is checked in {@link #build()} like an attribute in the XML.
     */
    public B set(String attribute, String value) {
        settings.put(attribute, value);
        return asBuilder();
    }

    /** The appender, or null (after a StatusLogger error naming the attribute) when a setting is wrong. */
    @Override
    public KafkaLogAppender build() {
        String name = getName();
        try {
            LogShipperConfig resolved = AppenderSettings.resolve(FrontDoor.LOG4J2, "attribute configFile", configFile,
                    bySetting(), properties());
            Layout<? extends Serializable> layout = getLayout();
            if (layout != null && resolved.entryFormat() == EntryFormat.JSON) {
                STATUS.warn("KafkaLog '{}': the layout is not used with entryFormat=\"json\"", name);
            }
            return new KafkaLogAppender(name, getFilter(), layout, isIgnoreExceptions(), resolved,
                    EventCapture.withLayout(layout, getConfiguration()), java.util.List.of());
        } catch (IllegalArgumentException e) {
            STATUS.error("KafkaLog '{}': {}", name, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            STATUS.error("KafkaLog '{}': cannot be created: {}", name, e, e);
        }
        return null;
    }

    /** The attributes by the setting they name; one set in code that names none is a mistake. */
    private Map<Setting<?>, String> bySetting() {
        Map<Setting<?>, String> out = new LinkedHashMap<>();
        Map<String, String> unknown = new LinkedHashMap<>(settings);
        for (Setting<?> s : Settings.takenBy(FrontDoor.LOG4J2)) {
            if (unknown.containsKey(s.name())) {
                out.put(s, unknown.remove(s.name()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("attribute " + unknown.keySet().iterator().next()
                    + " is not a setting of KafkaLog");
        }
        return out;
    }

    /** The {@code <Property>} elements: Kafka producer settings. */
    private Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Property p : getPropertyArray() == null ? Property.EMPTY_ARRAY : getPropertyArray()) {
            if (p == null) {
                continue;
            }
            if (p.getName() == null || p.getName().isBlank()) {
                throw new IllegalArgumentException("a <Property> has no name");
            }
            out.put(p.getName(), p.getValue());
        }
        return out;
    }
}
