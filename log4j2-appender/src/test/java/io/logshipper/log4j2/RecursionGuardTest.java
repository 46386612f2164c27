package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.spi.SelfLogging;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * The Kafka client logs through SLF4J into this very Log4j2 configuration, with KafkaLog attached to
 * {@code org.apache.kafka}: what logshipper's own clients log must reach the other appender and never the shipper;
 * what the application's own clients log is shipped, unless {@code refuseKafkaLoggers} says otherwise.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecursionGuardTest {

    @BeforeEach
    void clear() {
        RecordingAppender.clear();
    }

    @AfterEach
    void reset() {
        Log4jFixture.quiet();
    }

    @Test
    void kafkaTraceWithAnUnreachableBrokerNeitherBlocksNorLoops() {
        LoggerContext ctx = Log4jFixture.use("shipping.xml", Map.of("bootstrap", "127.0.0.1:1",
                "topic", "unreachable", "kafkaLevel", "TRACE", "closeTimeoutSecs", "2"));
        Logger log = LogManager.getLogger("app.down");
        await().atMost(Duration.ofSeconds(20)).until(() -> RecordingAppender.data("OTHER").kafkaEvents() > 0);

        long started = System.nanoTime();
        IntStream.range(0, 10_000).forEach(i -> log.info("down-{}", i));
        Duration logging = Duration.ofNanos(System.nanoTime() - started);

        KafkaLogAppender appender = ctx.getConfiguration().getAppender("KAFKA");
        long stopStarted = System.nanoTime();
        appender.stop(0, TimeUnit.SECONDS);
        Duration stopping = Duration.ofNanos(System.nanoTime() - stopStarted);

        assertThat(logging).isLessThan(Duration.ofSeconds(5));
        assertThat(stopping).isLessThan(Duration.ofMillis(2_500));
        // At least: the in-process broker's own org.apache.kafka events are shipped too (they are not logshipper's).
        assertThat(appender.shipper().stats().accepted()).isGreaterThanOrEqualTo(10_000);
        assertThat(RecordingAppender.data("OTHER").messages()).hasSize(10_000);
    }

    @Test
    void logshippersOwnClientEventsReachOtherAppendersButAreNeverShipped(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-recursion");
        broker.createTopic(topic, 1);
        Log4jFixture.use("shipping.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "kafkaLevel", "TRACE"));
        Logger log = LogManager.getLogger("app.up");

        IntStream.range(0, 100).forEach(i -> log.info("up-{}", i));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Log4jFixture.textEntries(broker, topic, "up-")).hasSize(100));
        assertThat(RecordingAppender.data("OTHER").ownClientEvents()).isPositive();
        GuardChecks.assertNothingOfLogshippersOwnClients(Log4jFixture.entries(broker, topic));
    }

    @Test
    void theApplicationsOwnConsumerLinesArriveButLogshippersOwnProducerLinesNever(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-own-consumer");
        broker.createTopic(topic, 1);
        Log4jFixture.use("guard.xml", Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));

        broker.consumeBriefly("l4j-app-consumer");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                Log4jFixture.entries(broker, topic).stream().anyMatch(e -> GuardChecks.fromClient(e, "l4j-app-consumer")));
        assertThat(RecordingAppender.data("OTHER").ownClientEvents()).isPositive();
        GuardChecks.assertNothingOfLogshippersOwnClients(Log4jFixture.entries(broker, topic));
    }

    @Test
    void refuseKafkaLoggersRestoresTheRefusalOfEveryKafkaLogger(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-refuse-kafka");
        broker.createTopic(topic, 1);
        Log4jFixture.use("guard.xml", Map.of("bootstrap", broker.bootstrapServers(), "topic", topic,
                "refuseKafkaLoggers", "true"));
        broker.consumeBriefly("l4j-refused-consumer");
        Logger log = LogManager.getLogger("app.refusing");
        IntStream.range(0, 20).forEach(i -> log.info("refusing-{}", i));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                Log4jFixture.entries(broker, topic).stream()
                        .filter(e -> e.path("logger").asText().equals("app.refusing")).count() == 20);
        assertThat(RecordingAppender.data("OTHER").kafkaEvents()).isPositive();
        assertThat(Log4jFixture.entries(broker, topic)).extracting(e -> e.path("logger").asText())
                .noneMatch(SelfLogging::isKafkaClientLogger);
    }
}
