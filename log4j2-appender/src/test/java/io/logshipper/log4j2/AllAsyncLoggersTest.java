package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.LogShipper;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * Runs in its own surefire fork with {@code log4j2.contextSelector=AsyncLoggerContextSelector}: every logger,
 * the Kafka client's included, is async, so {@code append} runs on Log4j's ring-buffer thread.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AllAsyncLoggersTest {

    @AfterEach
    void reset() {
        Log4jFixture.quiet();
    }

    @Test
    void everyLineArrivesExactlyOnceInOrderWithoutLogshippersOwnClientEvents(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-all-async");
        broker.createTopic(topic, 1);
        RecordingAppender.clear();
        LoggerContext ctx = Log4jFixture.use("shipping.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "kafkaLevel", "TRACE"));
        assertThat(ctx).isInstanceOf(AsyncLoggerContext.class);
        Logger log = LogManager.getLogger("app.async");

        IntStream.range(0, 2000).forEach(i -> log.info("line-{}", i));

        List<String> expected = IntStream.range(0, 2000).mapToObj(i -> "INFO  app.async - line-" + i)
                .collect(Collectors.toList());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Log4jFixture.textEntries(broker, topic, "line-")).containsExactlyElementsOf(expected));
        assertThat(RecordingAppender.data("OTHER").ownClientEvents()).isPositive();
        GuardChecks.assertNothingOfLogshippersOwnClients(Log4jFixture.entries(broker, topic));
    }

    @Test
    void theApplicationsOwnConsumerLinesArriveButLogshippersOwnProducerLinesNever(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-async-consumer");
        broker.createTopic(topic, 1);
        RecordingAppender.clear();
        LoggerContext ctx = Log4jFixture.use("guard.xml", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic));
        assertThat(ctx).isInstanceOf(AsyncLoggerContext.class);

        broker.consumeBriefly("l4j-async-app-consumer");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                Log4jFixture.entries(broker, topic).stream()
                        .anyMatch(e -> GuardChecks.fromClient(e, "l4j-async-app-consumer")));
        // Appended on Log4j's ring-buffer thread: only the event's recorded thread tells whose clients these were.
        assertThat(RecordingAppender.data("OTHER").ownClientEvents()).isPositive();
        GuardChecks.assertNothingOfLogshippersOwnClients(Log4jFixture.entries(broker, topic));
    }

    @Test
    void logManagerShutdownDeliversLinesStillInLog4jsQueue(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-all-async-shutdown");
        broker.createTopic(topic, 1);
        LoggerContext ctx = Log4jFixture.use("shipping.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "intervalSecs", "3600"));
        KafkaLogAppender appender = ctx.getConfiguration().getAppender("KAFKA");
        LogShipper shipper = appender.shipper();
        Logger log = LogManager.getLogger("app.async");

        // No waiting: some of these are still in Log4j's ring buffer when the shutdown begins.
        IntStream.range(0, 50).forEach(i -> log.info("queued-{}", i));
        LogManager.shutdown(ctx);

        assertThat(shipper.isClosed()).isTrue();
        assertThat(shipper.stats()).satisfies(s -> {
            // At least the 50: the in-process broker's own Kafka warnings, on its threads, are shipped too.
            assertThat(s.accepted()).isGreaterThanOrEqualTo(50);
            assertThat(s.delivered()).isEqualTo(s.accepted());
            assertThat(s.dropped()).isZero();
        });
        assertThat(Log4jFixture.textEntries(broker, topic, "queued-")).hasSize(50)
                .first().isEqualTo("INFO  app.async - queued-0");
    }
}
