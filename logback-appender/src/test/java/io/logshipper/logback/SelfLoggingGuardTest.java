package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * Runs on the JVM's global Logback context, because that is where the Kafka client's own logging goes: a
 * private context would never see it, and the guard would go untested.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class SelfLoggingGuardTest {

    private final LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();

    @BeforeEach
    void clearRecorder() {
        KafkaClientEventRecorder.clear();
    }

    @AfterEach
    void restoreQuietGlobalContext() {
        global.reset();
        Fixtures.configure(global, SelfLoggingGuardTest.class.getResource("/logback-test.xml"));
    }

    @Test
    void kafkaAtTraceWithAnUnreachableBrokerNeitherSlowsLoggingNorStopping(KafkaBroker broker) {
        Fixtures.configure(global, "self-logging", Map.of("bootstrap", "127.0.0.1:1",
                "topic", KafkaBroker.uniqueTopic("lb-unreachable"), "rootLevel", "TRACE"));
        Logger log = global.getLogger("io.example.Busy");

        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            log.info("busy line {}", i);
        }
        Duration logging = Duration.ofNanos(System.nanoTime() - start);
        // The producer keeps failing to connect and logs about it at TRACE, on its own threads.
        await().atMost(Duration.ofSeconds(30)).until(() -> !KafkaClientEventRecorder.THREADS.isEmpty());

        start = System.nanoTime();
        global.stop();
        Duration stopping = Duration.ofNanos(System.nanoTime() - start);

        // Behaviour bounds, not benchmarks: logging must not wait on Kafka, stopping must keep to its budget.
        assertThat(logging).isLessThan(Duration.ofSeconds(5));
        assertThat(stopping).isLessThan(Duration.ofSeconds(2).plusSeconds(1));
        assertThat(Fixtures.statuses(global, Status.WARN)).anyMatch(s -> s.contains("were not delivered"));
        assertThat(Fixtures.statuses(global, Status.ERROR)).isEmpty();
    }

    @Test
    void kafkaClientEventsReachOtherAppendersButAreNeverShipped(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-guard");
        broker.createTopic(topic, 1);
        Fixtures.configure(global, "self-logging", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic, "rootLevel", "INFO"));
        Logger log = global.getLogger("io.example.App");
        for (int i = 0; i < 20; i++) {
            log.info("app line {}", i);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Fixtures.objects(broker, topic).stream()
                        .filter(e -> e.path("logger").asText().equals("io.example.App")).count() >= 20);
        global.stop();

        List<JsonNode> shipped = Fixtures.objects(broker, topic);
        assertThat(shipped).extracting(e -> e.path("logger").asText())
                .contains("io.example.App")
                .noneMatch(name -> name.startsWith("org.apache.kafka"));
        // The other appender on the same root saw the shipper's own producer at work.
        assertThat(KafkaClientEventRecorder.THREADS)
                .anyMatch(t -> t.startsWith("logshipper-") || t.startsWith("kafka-producer-network-thread | logshipper-"));
    }
}
