package io.logshipper.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.logshipper.config.Kinds;
import io.logshipper.config.SettingException;

/**
 * The log producer's Kafka settings: the shipper's defaults under the user's pass-through settings, checked
 * against the producer's own definitions without constructing a producer.
 */
public final class ProducerSettings {

    /** Settings the shipper decides and the user may not: serializers, and transactions (fire-and-forget). */
    public static final Set<String> OWNED = Set.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    /** Defaults chosen for shipping logs; see docs/configuration.md for the reasons. */
    public static final Map<String, String> DEFAULTS = defaults();

    private ProducerSettings() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(ProducerConfig.ACKS_CONFIG, "all");
        d.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // gzip, not zstd: the same bytes per entry on log batches, and no native code, so no JDK 24+ native-access
        // WARNING in every application (measured: docs/configuration.md, "Compression").
        d.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        d.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        d.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        d.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(8L * 1024 * 1024));
        // One request at a time per broker. With more, a partition the broker is still opening (a topic just
        // created, by logshipper or anyone) can refuse the first request while it takes the second; the broker then
        // refuses the first one's retries as out of order until delivery.timeout.ms (120 s) fails those records:
        // KAFKA-14359 / KAFKA-15591, fixed only in brokers from August 2026. Seen here as 100,000 events stuck at
        // 77,066 delivered, one run in about 25 (docs/configuration.md, "Producer defaults").
        d.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return Map.copyOf(d);
    }

    /**
     * Whether Kafka's producer definitions can be read on this thread. They cannot while this very thread runs
     * {@code ProducerConfig}'s class initialiser: its first act gets an SLF4J logger, which may start the logging
     * framework, which may build an appender, which lands here with {@code ProducerConfig.CONFIG} still null (on
     * any other thread the JVM waits for the initialiser to finish instead).
     */
    public static boolean definitionsReady() {
        try {
            return ProducerConfig.configDef() != null;
        } catch (NullPointerException e) {
            return false;
        }
    }

    /**
     * Checks the user's settings one by one against the producer's own definitions: every key must be a producer
     * setting the shipper does not own, every value must parse and pass Kafka's validator. Errors name the setting
     * and never show a secret value.
     *
     * @throws SettingException on the first problem found, naming the Kafka setting
     */
    public static void validate(Map<String, String> user) {
        Map<String, ConfigDef.ConfigKey> known = ProducerConfig.configDef().configKeys();
        for (Map.Entry<String, String> e : user.entrySet()) {
            String key = e.getKey();
            if (OWNED.contains(key)) {
                throw SettingException.ofKafka(key, "Kafka producer setting '" + key
                        + "' is set by logshipper and cannot be changed", null);
            }
            ConfigDef.ConfigKey definition = known.get(key);
            if (definition == null) {
                throw SettingException.ofKafka(key, "unknown Kafka producer setting " + Kinds.quoted(key)
                        + SettingNames.didYouMean(key, known.keySet()), null);
            }
            try {
                Object parsed = ConfigDef.parseType(key, e.getValue(), definition.type);
                if (definition.validator != null) {
                    definition.validator.ensureValid(key, parsed);
                }
            } catch (ConfigException ex) {
                boolean secret = Secrets.isSecret(key) || definition.type == ConfigDef.Type.PASSWORD;
                throw SettingException.ofKafka(key, secret
                        ? "Kafka producer setting '" + key + "' has an invalid value"
                        : "Kafka producer setting '" + key + "' has an invalid value " + Kinds.quoted(e.getValue())
                                + ": " + kafkaReason(key, ex), null);
            }
        }
        Map<String, Object> all = new HashMap<>(effective(user));
        all.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        all.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Only names and values are checked here; whether bootstrap.servers is given is the builder's question,
        // since a file may leave it to the XML or the flags.
        all.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        try {
            ProducerConfig.configDef().parse(all);
        } catch (ConfigException e) {
            // Every value passed on its own; what is left are rules between settings, which name no secret.
            throw SettingException.ofKafka(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "invalid Kafka producer settings: " + e.getMessage(), null);
        }
    }

    /** The defaults with the user's settings laid over them. */
    public static Map<String, String> effective(Map<String, String> user) {
        Map<String, String> out = new LinkedHashMap<>(DEFAULTS);
        out.putAll(user);
        return out;
    }

    /** Kafka's reason without its echo of the value (which may be huge): "Not a number of type LONG". */
    private static String kafkaReason(String key, ConfigException e) {
        String m = String.valueOf(e.getMessage());
        String marker = "configuration " + key + ": ";
        int at = m.indexOf(marker);
        String why = at >= 0 ? m.substring(at + marker.length()) : m;
        return why.length() > 200 ? why.substring(0, 200) + "…" : why;
    }
}
