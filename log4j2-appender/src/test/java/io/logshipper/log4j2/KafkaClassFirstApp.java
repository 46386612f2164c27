package io.logshipper.log4j2;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.logging.log4j.LogManager;

/**
 * A program that uses the Kafka client before it logs anything, run by {@link KafkaClassFirstTest} in a child JVM:
 * {@code ProducerConfig}'s class initialiser gets an SLF4J logger first of all, which (with log4j-slf4j2-impl)
 * starts Log4j2, which builds the {@code <KafkaLog>} appenders while {@code ProducerConfig} is half initialised.
 */
public final class KafkaClassFirstApp {

    private KafkaClassFirstApp() {
    }

    /** Args: a marker to log. */
    public static void main(String[] args) throws Exception {
        System.out.println("producer settings known: " + ProducerConfig.configNames().size());
        LogManager.getLogger("app.first").info("kafka-first {}", args[0]);
        // Long enough for the misspelt appender's shipper to try to open its producer and say why it cannot.
        TimeUnit.MILLISECONDS.sleep(3000);
        LogManager.shutdown();
    }
}
