package io.logshipper.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The version of the kafka-clients jar this JVM loaded {@code KafkaProducer} from, read from that jar's
 * {@code kafka/kafka-version.properties}: {@code AppInfoParser}, the usual way, moved package in 4.4.
 */
public final class KafkaClientsVersion {

    private KafkaClientsVersion() {
    }

    /** For example {@code 3.0.2} or {@code 4.4.0}. */
    public static String get() {
        URL jar = KafkaProducer.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader only = new URLClassLoader(new URL[] {jar}, null);
             InputStream in = only.getResourceAsStream("kafka/kafka-version.properties")) {
            if (in == null) {
                throw new IllegalStateException(jar + " has no kafka/kafka-version.properties");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the kafka-clients version from " + jar, e);
        }
    }
}
