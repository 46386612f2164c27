package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * A program whose first act is Kafka's {@code ProducerConfig} (its own producer, Spring Boot's Kafka
 * auto-configuration) starts Log4j2 from inside that class's initialiser when log4j-slf4j2-impl is on the class
 * path. The appender used to read {@code ProducerConfig} while building and failed with "ProducerConfig.CONFIG is
 * null", leaving "Unable to locate appender"; now the Kafka checks wait for the shipper's thread.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaClassFirstTest {

    @TempDir
    Path dir;

    @Test
    void anAppenderBuiltInsideProducerConfigsInitialiserShipsAndAMisspeltSettingIsStillNamed(KafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("l4j-kafka-first");
        broker.createTopic(topic, 1);
        String marker = "m" + System.nanoTime();

        String output = runChild(broker, topic, marker);

        assertThat(output)
                .doesNotContain("cannot be created")
                .doesNotContain("Unable to locate appender \"KAFKA\"")
                .doesNotContain("NullPointerException");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Log4jFixture.textEntries(broker, topic, marker)).as(output).singleElement().asString()
                        .contains("INFO  [main] app.first - kafka-first " + marker));
        // With log4j-slf4j2-impl the second appender's producer settings can only be checked on its shipper's
        // thread, and are named from there; without it (the oldest-Log4j run) Log4j starts later and the builder
        // refuses the appender. The same words either way.
        assertThat(output).contains("<Property name=\"lingr.ms\">: unknown Kafka producer setting 'lingr.ms'")
                .contains("linger.ms");
        assertThat(broker.topicExists(topic + "-misspelt")).isFalse();
    }

    private String runChild(KafkaBroker broker, String topic, String marker) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File output = dir.resolve("child.log").toFile();
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=" + Log4jFixture.uri("kafka-class-first.xml"),
                "-Dbootstrap=" + broker.bootstrapServers(), "-Dtopic=" + topic,
                KafkaClassFirstApp.class.getName(), marker))
                .redirectErrorStream(true).redirectOutput(output).start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not exit in 60 s:\n" + Files.readString(output.toPath()));
        }
        String text = Files.readString(output.toPath());
        assertThat(child.exitValue()).as(text).isZero();
        return text;
    }
}
