package io.logshipper.log4j2;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.visitors.AbstractPluginVisitor;

import io.logshipper.config.FrontDoor;
import io.logshipper.config.Setting;
import io.logshipper.config.Settings;

/**
 * Takes the attributes of the schema's settings off the {@code <KafkaLog>} node, with Log4j's property
 * substitution applied, as Log4j's own attribute visitor does for one attribute. Public only because Log4j
 * instantiates it by reflection.
 */
public final class SettingAttributesVisitor extends AbstractPluginVisitor<SettingAttributes> {

    /** Called by Log4j. */
    public SettingAttributesVisitor() {
        super(SettingAttributes.class);
    }

    @Override
    public Object visit(Configuration configuration, Node node, LogEvent event, StringBuilder log) {
        Map<String, String> taken = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.takenBy(FrontDoor.LOG4J2)) {
            String raw = removeAttributeValue(node.getAttributes(), setting.name());
            if (raw != null) {
                taken.put(setting.name(), substitutor.replace(event, raw));
            }
        }
        // What Log4j prints in its debug listing of the plugin's attributes: names only, values may be secrets.
        log.append("settings=").append(taken.keySet());
        return taken;
    }
}
