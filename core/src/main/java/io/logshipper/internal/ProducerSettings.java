package io.logshipper.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

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
        d.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        d.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        d.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        d.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(8L * 1024 * 1024));
        return Map.copyOf(d);
    }

    /**
     * Checks the user's settings: every key must be a producer setting the shipper does not own, every value
     * must parse. Messages name the setting and never show a secret value.
     *
     * @throws IllegalArgumentException on the first problem found
     */
    public static void validate(Map<String, String> user) {
        Set<String> known = ProducerConfig.configNames();
        for (String key : user.keySet()) {
            if (OWNED.contains(key)) {
                throw new IllegalArgumentException("producer setting '" + key
                        + "' is set by logshipper and cannot be changed");
            }
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown Kafka producer setting '" + key + "'"
                        + SettingNames.didYouMean(key, known));
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
            throw new IllegalArgumentException(describe(e, user));
        }
    }

    /** The defaults with the user's settings laid over them. */
    public static Map<String, String> effective(Map<String, String> user) {
        Map<String, String> out = new LinkedHashMap<>(DEFAULTS);
        out.putAll(user);
        return out;
    }

    private static String describe(ConfigException e, Map<String, String> user) {
        String message = String.valueOf(e.getMessage());
        for (Map.Entry<String, String> entry : user.entrySet()) {
            if (Secrets.isSecret(entry.getKey()) && !entry.getValue().isEmpty()) {
                message = message.replace(entry.getValue(), Secrets.MASK);
            }
        }
        for (Map.Entry<String, String> entry : user.entrySet()) {
            if (message.contains(entry.getKey())) {
                if (Secrets.isSecret(entry.getKey())) {
                    return "invalid value for Kafka producer setting '" + entry.getKey() + "'";
                }
                return "invalid Kafka producer setting '" + entry.getKey() + "': " + message;
            }
        }
        return "invalid Kafka producer settings: " + message;
    }
}
