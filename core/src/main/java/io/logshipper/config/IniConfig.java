package io.logshipper.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import io.logshipper.LogShipper;
import io.logshipper.LogShipperBuilder;
import io.logshipper.internal.ProducerSettings;
import io.logshipper.internal.SettingNames;

/**
 * Turns an INI file into shipper settings, following OpenMSIStream's rules: when {@code [log]} has
 * {@code bootstrap.servers}, {@code [broker]} is ignored and {@code [log]} must carry its own security settings;
 * otherwise {@code [log]} is laid over {@code [broker]}. {@code [log]} may hold Kafka producer settings and
 * logshipper's own ({@link Settings}), which are taken out first. {@code [producer]} belongs to the host
 * application and does not configure the log producer. Every error names the file and line.
 */
public final class IniConfig {

    /** The section with the broker connection and security settings. */
    public static final String BROKER = "broker";
    /** The section for the log producer. */
    public static final String LOG = "log";
    /** The section for consumers (the tools that read logs). */
    public static final String CONSUMER = "consumer";

    private IniConfig() {
    }

    /** A builder holding the settings of {@code file}; flags may then override them. */
    public static LogShipperBuilder builder(Path file) {
        return applyTo(LogShipper.builder(), IniFile.load(file));
    }

    /**
     * Applies the file's {@code [broker]} and {@code [log]} settings to {@code builder}: logshipper's own keys
     * ({@link Settings}) through the schema, every other key as a Kafka producer setting. Each value carries its
     * file and line, so that an error found now or later (at {@code config()}) names them.
     *
     * @throws SettingException naming file and line of the first invalid setting
     */
    public static LogShipperBuilder applyTo(LogShipperBuilder builder, IniFile file) {
        Map<String, Located> merged = logProducerSettings(file);
        for (Map.Entry<String, Located> e : merged.entrySet()) {
            String key = e.getKey();
            Located v = e.getValue();
            Origin origin = Origin.ini(v.section.source(), v.line);
            Optional<Setting<?>> setting = Settings.byIniKey(key);
            if (setting.isPresent()) {
                builder.setText(setting.get(), v.value, origin);
            } else {
                builder.producerSetting(key, v.value, origin);
            }
        }
        // Names and values are checked now, so that a mistake in the file is reported with its line even when
        // the front door adds more settings before config().
        Map<String, String> kafka = new LinkedHashMap<>();
        merged.forEach((k, v) -> {
            if (Settings.byIniKey(k).isEmpty()) {
                kafka.put(k, v.value);
            }
        });
        try {
            ProducerSettings.validate(kafka);
        } catch (SettingException ex) {
            Located v = ex.kafkaSetting().map(merged::get).orElse(null);
            throw v == null ? ex.from(Origin.ini(file.source(), 0)) : ex.from(Origin.ini(v.section.source(), v.line));
        }
        return builder;
    }

    /**
     * Settings for a consumer that reads logs: {@code [broker]} with {@code [consumer]} laid over it.
     *
     * @throws ConfigException for a setting Kafka's consumer does not know
     */
    public static Map<String, String> consumerSettings(IniFile file) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        for (String name : new String[] {BROKER, CONSUMER}) {
            Optional<IniSection> section = file.section(name);
            if (section.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> e : section.get().values().entrySet()) {
                if (!known.contains(e.getKey())) {
                    throw new ConfigException(file.source(), section.get().lineOf(e.getKey()),
                            "unknown Kafka consumer setting " + SettingNames.quoted(e.getKey()) + " in [" + name + "]"
                                    + SettingNames.didYouMean(e.getKey(), known));
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static Map<String, Located> logProducerSettings(IniFile file) {
        Map<String, Located> merged = new LinkedHashMap<>();
        Optional<IniSection> log = file.section(LOG);
        boolean logHasBroker = log.isPresent() && log.get().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG).isPresent();
        if (!logHasBroker) {
            file.section(BROKER).ifPresent(s -> putAll(merged, s));
        }
        log.ifPresent(s -> putAll(merged, s));
        return merged;
    }

    private static void putAll(Map<String, Located> into, IniSection section) {
        section.values().forEach((k, v) -> into.put(k, new Located(v, section, section.lineOf(k))));
    }

    private record Located(String value, IniSection section, int line) {
    }
}
