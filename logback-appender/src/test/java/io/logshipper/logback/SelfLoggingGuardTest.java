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

import io.logshipper.ShipperStats;
import io.logshipper.spi.SelfLogging;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * Runs on the JVM's global Logback context, because that is where the Kafka client's own logging goes: a
 * private context would never see it, and the guard would go untested. The in-process broker logs there too, so
 * these tests also show that the broker's reaction to what is shipped stays bounded.
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
        // A stopped context ignores stop(): the next test's global.stop() would not stop its appenders.
        global.start();
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
    void theApplicationsOwnConsumerLinesArriveButLogshippersOwnProducerLinesNever(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-own-consumer");
        broker.createTopic(topic, 1);
        Fixtures.configure(global, "self-logging", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic, "rootLevel", "INFO", "kafkaLevel", "DEBUG"));
        global.getLogger("io.example.App").info("app started");

        broker.consumeBriefly("app-consumer");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> Fixtures.objects(broker, topic).stream().anyMatch(e -> fromClient(e, "app-consumer")));
        // Not vacuous: the other appender on the same root sees logshipper's own producer at work (on a busy
        // machine, or with older clients that say less, that can come after the application's lines arrived).
        await().atMost(Duration.ofSeconds(30))
                .until(() -> KafkaClientEventRecorder.THREADS.stream().anyMatch(SelfLogging::isInternalThreadName));
        global.stop();

        List<JsonNode> shipped = Fixtures.objects(broker, topic);
        assertThat(shipped).anyMatch(e -> e.path("logger").asText().equals("io.example.App"));
        assertThat(shipped).filteredOn(e -> fromClient(e, "app-consumer"))
                .anyMatch(e -> e.path("logger").asText().startsWith("org.apache.kafka.clients.consumer"));
        assertNothingOfLogshippersOwnClients(shipped);
    }

    @Test
    void refuseKafkaLoggersRestoresTheRefusalOfEveryKafkaLogger(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-refuse-kafka");
        broker.createTopic(topic, 1);
        Fixtures.configure(global, "self-logging", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic, "rootLevel", "INFO", "kafkaLevel", "DEBUG", "refuseKafkaLoggers", "true"));
        Logger log = global.getLogger("io.example.App");
        broker.consumeBriefly("app-consumer-refused");
        for (int i = 0; i < 20; i++) {
            log.info("app line {}", i);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> Fixtures.objects(broker, topic).stream()
                        .filter(e -> e.path("logger").asText().equals("io.example.App")).count() >= 20);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> KafkaClientEventRecorder.THREADS.stream().anyMatch(SelfLogging::isInternalThreadName));
        global.stop();

        assertThat(Fixtures.objects(broker, topic)).extracting(e -> e.path("logger").asText())
                .contains("io.example.App")
                .noneMatch(SelfLogging::isKafkaClientLogger);
    }

    @Test
    void everythingAtTraceWithOneBrokerUpAndOneUnreachableStaysPromptAndBounded(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-trace-both");
        broker.createTopic(topic, 1);
        Fixtures.configure(global, "self-logging-trace", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic));
        KafkaLogAppender shipping = (KafkaLogAppender) global.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("KAFKA");
        long begun = System.nanoTime();
        Logger log = global.getLogger("io.example.Busy");

        for (int i = 0; i < 10_000; i++) {
            log.info("busy line {}", i);
        }
        Duration logging = Duration.ofNanos(System.nanoTime() - begun);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Fixtures.objects(broker, topic).stream()
                        .filter(e -> e.path("logger").asText().equals("io.example.Busy")).count() == 10_000);
        ShipperStats stats = shipping.getShipper().stats();
        long intervals = Duration.ofNanos(System.nanoTime() - begun).toMillis() / 200 + 1;
        // The shipped lines can all arrive before logshipper's own clients said anything (seen with a second build
        // on the same 2 cores): wait until they did, so that refusing it is what the checks below see.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> KafkaClientEventRecorder.THREADS.stream().anyMatch(SelfLogging::isInternalThreadName));

        long stopStarted = System.nanoTime();
        global.stop();
        Duration stopping = Duration.ofNanos(System.nanoTime() - stopStarted);

        assertThat(logging).isLessThan(Duration.ofSeconds(5));
        assertThat(stopping).isLessThan(Duration.ofSeconds(2 + 1 + 1));
        // One message per interval, plus the few early ones the 10,000 lines fill: no runaway of echoes.
        assertThat(stats.messagesSent()).isLessThanOrEqualTo(intervals + 20);
        List<JsonNode> shipped = Fixtures.objects(broker, topic);
        assertThat(shipped).anyMatch(e -> SelfLogging.isKafkaClientLogger(e.path("logger").asText()));
        assertNothingOfLogshippersOwnClients(shipped);
    }

    /** What logshipper's producers and admin client log carries their thread or their client id. */
    static void assertNothingOfLogshippersOwnClients(List<JsonNode> shipped) {
        assertThat(shipped).noneMatch(e -> SelfLogging.isInternalThreadName(e.path("thread").asText()));
        assertThat(shipped).extracting(e -> e.path("message").asText())
                .noneMatch(m -> m.contains("[Producer clientId=logshipper-")
                        || m.contains("[AdminClient clientId=logshipper-")
                        || m.contains("client.id = logshipper-"));
    }

    private static boolean fromClient(JsonNode entry, String clientId) {
        return entry.path("message").asText().contains("clientId=" + clientId);
    }

}
