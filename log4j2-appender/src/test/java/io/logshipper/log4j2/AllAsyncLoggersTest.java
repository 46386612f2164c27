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
import io.logshipper.ShipperStats;
import io.logshipper.testing.Burst;
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

    /**
     * Issue 15's burst (10,000 tasks × 10 lines) under all-async loggers, with the ring buffer docs/log4j2.md tells
     * users to size for bursts. With Log4j's default of 4,096 slots and Disruptor 4, Log4j drops most of such a
     * burst before any appender sees it (see BurstTest); this shows that with room in Log4j's queue every line
     * reaches Kafka through {@code <KafkaLog>} with its defaults, in order per thread, and that stopping the
     * context as an application does delivers what was still queued.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBurstArrivesWholeWhenLog4jsRingBufferHoldsIt(KafkaBroker broker) throws Exception {
        assertThat(LoggerContext.getContext(false)).isInstanceOf(AsyncLoggerContext.class);
        int threads = 10_000;
        int lines = 10;
        String topic = KafkaBroker.uniqueTopic("l4j-all-async-burst");
        AsyncLoggerContext ctx = Log4jFixture.ownAsyncContext("burst", "burst-defaults.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "format", "text",
                        "log4j2.asyncLoggerRingBufferSize", "262144"));
        ShipperStats stats;
        try {
            assertThat(ctx.createRingBufferAdmin().getBufferSize()).isEqualTo(262_144);
            KafkaLogAppender appender = ctx.getConfiguration().getAppender("KAFKA");
            LogShipper shipper = appender.shipper();
            Logger log = ctx.getLogger("app.burst");
            long nanos = Burst.run(threads, lines, (t, n) -> log.info("burst t={} n={}", t, n));
            // The context's stop drains Log4j's ring buffer into the appender, then stops the appender, which
            // delivers what the shipper holds.
            assertThat(ctx.stop(60, TimeUnit.SECONDS)).isTrue();
            stats = shipper.stats();
            System.out.printf("log4j2 all-async burst: %d ms of logging (%s threads), %s%n",
                    TimeUnit.NANOSECONDS.toMillis(nanos), Burst.virtualThreads() ? "virtual" : "pooled platform",
                    stats);
        } finally {
            ctx.stop(60, TimeUnit.SECONDS);
        }
        assertThat(stats.dropped()).as("entries dropped during the burst").isZero();
        assertThat(stats.accepted()).isEqualTo(threads * lines);
        assertThat(stats.delivered()).isEqualTo(stats.accepted());
        List<String> texts = Log4jFixture.entries(broker, topic).stream().map(e -> e.asText()).toList();
        assertThat(Burst.problems(texts, threads, lines)).isEmpty();
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
