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
import io.logshipper.config.LibrdkafkaSettings.Value;
import io.logshipper.internal.SettingNames;

/**
 * Turns an INI file into shipper settings, following OpenMSIStream's rules: when {@code [log]} has
 * {@code bootstrap.servers}, {@code [broker]} is ignored and {@code [log]} must carry its own security settings;
 * otherwise {@code [log]} is laid over {@code [broker]}. {@code [log]} may hold Kafka producer settings and
 * logshipper's own ({@link Settings}), which are taken out first. {@code [producer]} belongs to the host
 * application and does not configure the log producer. librdkafka spellings of security settings, as OpenMSIStream
 * files have them, are turned into the Java client's ({@link LibrdkafkaSettings}). Every error names the file and
 * line.
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
        Map<String, Value> own = new LinkedHashMap<>();
        Map<String, Value> kafka = new LinkedHashMap<>();
        logProducerSettings(file).forEach((k, v) -> (Settings.byIniKey(k).isPresent() ? own : kafka).put(k, v));
        own.forEach((k, v) -> builder.setText(Settings.byIniKey(k).get(), v.text(), v.origin()));
        Map<String, Value> java = LibrdkafkaSettings.translate(kafka);
        java.forEach((k, v) -> builder.producerSetting(k, v.text(), v.origin()));
        // Names and values are checked now, so that a mistake in the file is reported with its line even when
        // the front door adds more settings before config().
        Map<String, String> texts = new LinkedHashMap<>();
        java.forEach((k, v) -> texts.put(k, v.text()));
        try {
            ProducerSettings.validate(texts);
        } catch (SettingException ex) {
            Value v = ex.kafkaSetting().map(java::get).orElse(null);
            throw ex.from(v == null ? Origin.ini(file.source(), 0) : v.origin());
        }
        return builder;
    }

    /**
     * Settings for a consumer that reads logs: {@code [broker]} with {@code [consumer]} laid over it.
     *
     * @throws ConfigException for a setting Kafka's consumer does not know
     */
    public static Map<String, String> consumerSettings(IniFile file) {
        Map<String, Value> merged = new LinkedHashMap<>();
        Map<String, String> sectionOf = new LinkedHashMap<>();
        for (String name : new String[] {BROKER, CONSUMER}) {
            file.section(name).ifPresent(s -> {
                putAll(merged, s);
                s.values().keySet().forEach(k -> sectionOf.put(k, name));
            });
        }
        Map<String, Value> java;
        try {
            java = LibrdkafkaSettings.translate(merged);
        } catch (SettingException e) {
            Origin at = e.origin().orElse(Origin.ini(file.source(), 0));
            throw new ConfigException(file.source(), at.line(), e.reason());
        }
        Set<String> known = ConsumerConfig.configNames();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : java.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new ConfigException(file.source(), e.getValue().origin().line(),
                        "unknown Kafka consumer setting " + SettingNames.quoted(e.getKey()) + " in ["
                                + sectionOf.getOrDefault(e.getKey(), BROKER) + "]"
                                + SettingNames.didYouMean(e.getKey(), known));
            }
            out.put(e.getKey(), e.getValue().text());
        }
        return out;
    }

    private static Map<String, Value> logProducerSettings(IniFile file) {
        Map<String, Value> merged = new LinkedHashMap<>();
        Optional<IniSection> log = file.section(LOG);
        boolean logHasBroker = log.isPresent() && log.get().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG).isPresent();
        if (!logHasBroker) {
            file.section(BROKER).ifPresent(s -> putAll(merged, s));
        }
        log.ifPresent(s -> putAll(merged, s));
        return merged;
    }

    private static void putAll(Map<String, Value> into, IniSection section) {
        section.values().forEach((k, v) -> into.put(k, new Value(v, Origin.ini(section.source(), section.lineOf(k)))));
    }
}
