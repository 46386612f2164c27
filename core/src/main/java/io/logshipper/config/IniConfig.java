package io.logshipper.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import io.logshipper.EntryFormat;
import io.logshipper.LogShipper;
import io.logshipper.LogShipperBuilder;
import io.logshipper.internal.ProducerSettings;
import io.logshipper.internal.SettingNames;

/**
 * Turns an INI file into shipper settings, following OpenMSIStream's rules: when {@code [log]} has
 * {@code bootstrap.servers}, {@code [broker]} is ignored and {@code [log]} must carry its own security settings;
 * otherwise {@code [log]} is laid over {@code [broker]}. {@code [log]} may hold Kafka producer settings and
 * logshipper's own ({@link ShipperKeys}), which are taken out first. {@code [producer]} belongs to the host
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
     * Applies the file's {@code [broker]} and {@code [log]} settings to {@code builder}.
     *
     * @throws ConfigException naming file and line of the first invalid setting
     */
    public static LogShipperBuilder applyTo(LogShipperBuilder builder, IniFile file) {
        Map<String, Located> merged = logProducerSettings(file);
        Map<String, String> kafka = new LinkedHashMap<>();
        for (Map.Entry<String, Located> e : merged.entrySet()) {
            String key = e.getKey();
            Located v = e.getValue();
            if (ShipperKeys.ALL.contains(key)) {
                applyShipperKey(builder, key, v);
            } else {
                checkProducerKey(key, v);
                kafka.put(key, v.value);
            }
        }
        try {
            ProducerSettings.validate(kafka);
        } catch (IllegalArgumentException ex) {
            throw at(merged, ex.getMessage(), file.source());
        }
        builder.producerConfig(kafka);
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
                            "unknown Kafka consumer setting '" + e.getKey() + "' in [" + name + "]"
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

    private static void checkProducerKey(String key, Located v) {
        if (ProducerSettings.OWNED.contains(key)) {
            throw v.error("'" + key + "' is set by logshipper and cannot be configured in [" + v.section.name() + "]");
        }
        Set<String> known = ProducerConfig.configNames();
        if (!known.contains(key)) {
            throw v.error("unknown Kafka producer setting '" + key + "' in [" + v.section.name() + "]"
                    + SettingNames.didYouMean(key, known));
        }
    }

    private static void applyShipperKey(LogShipperBuilder b, String key, Located v) {
        try {
            switch (key) {
                case ShipperKeys.TOPIC -> b.topic(v.value);
                case ShipperKeys.PROGRAM_ID -> b.programId(v.value);
                case ShipperKeys.INTERVAL_SECS -> b.intervalSecs(SettingValues.seconds(v.value));
                case ShipperKeys.ENTRY_FORMAT -> b.entryFormat(EntryFormat.parse(key, v.value));
                case ShipperKeys.SEND_WHEN_IDLE -> b.sendWhenIdle(SettingValues.bool(v.value));
                case ShipperKeys.MAX_BUFFERED_ENTRIES, ShipperKeys.MAX_LOGS_PER_MESSAGE ->
                        b.maxBufferedEntries(Integer.parseInt(v.value));
                case ShipperKeys.MAX_BUFFERED_BYTES -> b.maxBufferedBytes(Long.parseLong(v.value));
                case ShipperKeys.MAX_MESSAGE_BYTES -> b.maxMessageBytes(Integer.parseInt(v.value));
                case ShipperKeys.CREATE_TOPIC_PARTITIONS -> b.createTopicPartitions(Integer.parseInt(v.value));
                case ShipperKeys.CREATE_TOPIC_REPLICATION_FACTOR -> b.createTopicReplicationFactor(Short.parseShort(v.value));
                case ShipperKeys.CLOSE_TIMEOUT_SECS -> b.closeTimeout(Duration.ofMillis(Math.round(SettingValues.seconds(v.value) * 1000)));
                default -> { } // log.level is read by the attachments; prefer.separate.producer is moot
            }
        } catch (NumberFormatException e) {
            throw v.error("'" + key + "' must be a number, not '" + v.value + "'");
        } catch (IllegalArgumentException e) {
            throw v.error("'" + key + "': " + e.getMessage());
        }
    }

    private static ConfigException at(Map<String, Located> merged, String message, String source) {
        for (Map.Entry<String, Located> e : merged.entrySet()) {
            if (message.contains("'" + e.getKey() + "'")) {
                return e.getValue().error(message);
            }
        }
        return new ConfigException(source, 0, message);
    }

    private record Located(String value, IniSection section, int line) {
        ConfigException error(String message) {
            return new ConfigException(section.source(), line, message);
        }
    }
}
