package io.logshipper.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.logshipper.testing.KafkaBroker;
import picocli.CommandLine;

/** Runs the tool in-process, capturing what it prints, and produces test records. */
final class Cli {

    private Cli() {
    }

    /** What one run of the tool did. */
    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Produces records (key, value, key, value...) in order to partition 0 and waits for the broker's ack. */
    static void produce(KafkaBroker broker, String topic, String... keysAndValues) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                producer.send(new ProducerRecord<>(topic, 0, keysAndValues[i], keysAndValues[i + 1]))
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    /** A logshipper message value with text entries, JSON-escaped by the caller where needed. */
    static String envelope(String timestamp, String... jsonEntries) {
        return "{\"timestamp\": " + timestamp + ", \"messages\": [" + String.join(", ", jsonEntries) + "]}";
    }

    /** A JSON string literal for a plain ASCII entry without quotes or backslashes. */
    static String q(String text) {
        return "\"" + text + "\"";
    }
}
