package io.logshipper.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import io.logshipper.testing.KafkaBroker;

/** A test producer of logshipper messages to chosen partitions; closes with the test. */
final class Records implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    Records(KafkaBroker broker) {
        this(broker.bootstrapServers());
    }

    Records(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** One message of {@code program} holding {@code entries} (JSON values), acknowledged before returning. */
    void send(String topic, int partition, String program, String... jsonEntries) {
        sendAsync(topic, partition, program, jsonEntries);
        producer.flush();
    }

    Future<RecordMetadata> sendAsync(String topic, int partition, String program, String... jsonEntries) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, partition, program + "_log",
                Cli.envelope("1795600800.123", jsonEntries),
                List.of(new RecordHeader("origin", "test".getBytes(StandardCharsets.UTF_8))));
        return producer.send(r);
    }

    /** A raw value, for values that are no logshipper message. */
    void sendRaw(String topic, int partition, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, key, value)).get(30, TimeUnit.SECONDS);
    }

    void flush() {
        producer.flush();
    }

    /** An object entry as the appenders write it. */
    static String entry(String level, String logger, String message) {
        return "{\"time\": \"10:00:00.123\", \"level\": \"" + level + "\", \"thread\": \"main\", \"logger\": \""
                + logger + "\", \"message\": \"" + message + "\"}";
    }

    @Override
    public void close() {
        producer.close();
    }
}
