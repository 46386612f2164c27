package io.logshipper.log4j2;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.logging.log4j.core.config.plugins.PluginVisitorStrategy;

/**
 * Marks the builder field that receives every attribute of {@code <KafkaLog>} that names one of logshipper's
 * settings ({@link io.logshipper.config.Settings}), as text, keyed by the setting's name. The schema decides which
 * attributes exist, so the appender has no field per setting; attributes that are neither a setting nor one of
 * Log4j's own are reported by Log4j as invalid, as for any plugin.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@PluginVisitorStrategy(SettingAttributesVisitor.class)
@interface SettingAttributes {
}
