package io.logshipper;

import java.util.Map;

import org.apache.kafka.clients.producer.Producer;

/**
 * Creates the Kafka producer a shipper sends with. The default builds a {@code KafkaProducer}; tests and
 * instrumented applications may supply their own. Called only on a shipper's own thread, never the caller's.
 */
@FunctionalInterface
public interface ProducerFactory {

    /**
     * A new producer for byte-array keys and values.
     *
     * @param config the complete producer settings, serializers excluded
     */
    Producer<byte[], byte[]> create(Map<String, Object> config);
}
