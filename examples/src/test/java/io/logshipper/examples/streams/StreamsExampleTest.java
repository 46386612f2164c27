package io.logshipper.examples.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;

import io.logshipper.spi.SelfLogging;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;

/**
 * Runs the Streams example on the real broker with its own {@code logback-streams.xml} on the JVM's global Logback
 * context, where Kafka Streams logs, and reads back what was shipped.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class StreamsExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restoreQuietGlobalContext() {
        configure(StreamsExampleTest.class.getResource("/logback-test.xml"), Map.of());
    }

    @Test
    void shipsTheStateTransitionsAndTheFailingProcessorsStackTrace(KafkaBroker broker, @TempDir Path stateDir)
            throws Exception {
        String logs = KafkaBroker.uniqueTopic("streams-logs");
        broker.createTopic(logs, 1);
        configure(StreamsExampleTest.class.getResource("/logback-streams.xml"), Map.of(
                "logshipper.bootstrap", broker.bootstrapServers(), "logshipper.topic", logs,
                "logshipper.intervalSecs", "0.2"));

        KafkaStreams.State last = StreamsExample.run(broker.bootstrapServers(), KafkaBroker.uniqueTopic("orders"),
                KafkaBroker.uniqueTopic("orders-upper"), stateDir, Duration.ofSeconds(60));
        // Stopping the context flushes what is buffered: everything logged is on the topic once it returns.
        global.stop();

        assertThat(last).isEqualTo(KafkaStreams.State.ERROR);
        List<JsonNode> shipped = entries(broker, logs);
        assertThat(shipped).filteredOn(e -> e.path("logger").asText().equals("org.apache.kafka.streams.KafkaStreams"))
                .extracting(e -> e.path("message").asText())
                .anyMatch(m -> m.contains("State transition from REBALANCING to RUNNING"))
                .anyMatch(m -> m.contains("State transition from PENDING_ERROR to ERROR"));
        assertThat(shipped).filteredOn(e -> e.path("logger").asText().startsWith("org.apache.kafka.streams"))
                .extracting(e -> e.path("exception").asText())
                .anyMatch(trace -> trace.contains("cannot process order boom")
                        && trace.contains("at io.logshipper.examples.streams.StreamsExample.process"));
        assertThat(shipped).extracting(e -> e.path("message").asText()).contains("processing order apple");
        assertThat(shipped).noneMatch(e -> !"io.logshipper".equals(e.path("logger").asText())
                && SelfLogging.isInternalThreadName(e.path("thread").asText()));
    }

    private void configure(URL xml, Map<String, String> properties) {
        global.reset();
        global.start();
        // After reset, which forgets the context's properties.
        properties.forEach(global::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(global);
        try {
            configurator.doConfigure(xml);
        } catch (Exception e) {
            throw new IllegalStateException("could not configure Logback from " + xml, e);
        }
    }

    private static List<JsonNode> entries(KafkaBroker broker, String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ShippedRecord r : broker.readAll(topic)) {
            JSON.readTree(r.value()).get("messages").forEach(out::add);
        }
        return out;
    }
}
