package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.LogShipper;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** What a configured {@code <KafkaLog>} delivers to a real broker, with synchronous and mixed async loggers. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaLogDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @AfterEach
    void reset() {
        Log4jFixture.quiet();
        ThreadContext.clearAll();
    }

    @Test
    void theLayoutSeesTheLoggingThreadsNameContextAndCaller(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("l4j-deferred");
        Log4jFixture.use("thread-context-caller.xml", Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));
        Thread worker = new Thread(KafkaLogDeliveryTest::logFromWorker, "order-worker-7");
        worker.start();
        worker.join(10_000);

        await().atMost(WAIT).untilAsserted(() -> assertThat(Log4jFixture.textEntries(broker, topic, "accepted"))
                .containsExactly("order-worker-7|42|logFromWorker|order 42 accepted"));
    }

    private static void logFromWorker() {
        ThreadContext.put("orderId", "42");
        try {
            LogManager.getLogger("app.orders").info("order {} accepted", 42);
        } finally {
            ThreadContext.clearAll();
        }
    }

    @Test
    void everyLineArrivesExactlyOnceInOrder(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-order");
        broker.createTopic(topic, 1);
        Log4jFixture.use("shipping.xml", Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));
        Logger log = LogManager.getLogger("app.order");

        IntStream.range(0, 2000).forEach(i -> log.info("line-{}", i));

        List<String> expected = IntStream.range(0, 2000).mapToObj(i -> "INFO  app.order - line-" + i)
                .collect(Collectors.toList());
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(Log4jFixture.textEntries(broker, topic, "line-")).containsExactlyElementsOf(expected));
        assertThat(Log4jFixture.keys(broker, topic)).containsOnly("l4j-test_log");
    }

    @Test
    void onlyThePatternsOwnLineBreakIsLeftOutWhateverTheMessageLength(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-eol");
        Log4jFixture.use("shipping.xml", Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));
        Logger log = LogManager.getLogger("app.eol");
        String big = "b".repeat(20_000);

        log.info("eol first line\nsecond line");
        log.info("eol ends in a break\r\n");
        log.info("eol {}", big);
        log.info("eol small after big");

        await().atMost(WAIT).untilAsserted(() -> assertThat(Log4jFixture.textEntries(broker, topic, "eol "))
                .containsExactly("INFO  app.eol - eol first line\nsecond line",
                        "INFO  app.eol - eol ends in a break\r\n",
                        "INFO  app.eol - eol " + big,
                        "INFO  app.eol - eol small after big"));
    }

    @Test
    void mixedAsyncLoggersDeliverEveryLineInOrder(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-mixed");
        broker.createTopic(topic, 1);
        Log4jFixture.use("mixed-async.xml", Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));
        Logger log = LogManager.getLogger("app.mixed");

        IntStream.range(0, 2000).forEach(i -> log.info("async-{}", i));

        List<String> expected = IntStream.range(0, 2000).mapToObj(i -> "async-" + i).collect(Collectors.toList());
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(Log4jFixture.textEntries(broker, topic, "async-")).containsExactlyElementsOf(expected));
    }

    @Test
    void textEntriesCarryTheStackTraceWithItsCause(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-trace-text");
        Log4jFixture.use("no-layout.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "entryFormat", "text"));

        LogManager.getLogger("app.fail").error("it failed",
                new IllegalStateException("outer", new java.io.IOException("root cause")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(Log4jFixture.textEntries(broker, topic, "it failed"))
                .singleElement().satisfies(text -> assertThat(text)
                        .matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* ERROR \\[.+\\] app\\.fail - it failed.*")
                        .contains("java.lang.IllegalStateException: outer")
                        .contains("Caused by: java.io.IOException: root cause")
                        .doesNotEndWith("\n")));
    }

    @Test
    void jsonEntriesCarryStackTraceContextMapAndMarker(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-json");
        Log4jFixture.use("no-layout.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "entryFormat", "json"));
        ThreadContext.put("requestId", "r-42");
        String thread = Thread.currentThread().getName();

        LogManager.getLogger("app.json").warn(MarkerManager.getMarker("AUDIT"), "user {} refused", "bob",
                new IllegalStateException("outer", new java.io.IOException("root cause")));

        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> entries = Log4jFixture.entries(broker, topic).stream()
                    .filter(n -> n.isObject() && "app.json".equals(n.path("logger").asText()))
                    .collect(Collectors.toList());
            assertThat(entries).hasSize(1);
            JsonNode e = entries.get(0);
            assertThat(e.path("level").asText()).isEqualTo("WARN");
            assertThat(e.path("message").asText()).isEqualTo("user bob refused");
            assertThat(e.path("thread").asText()).isEqualTo(thread);
            assertThat(e.path("exception").asText()).contains("java.lang.IllegalStateException: outer")
                    .contains("Caused by: java.io.IOException: root cause");
            assertThat(e.path("mdc").path("requestId").asText()).isEqualTo("r-42");
            assertThat(e.path("markers").toString()).contains("AUDIT");
        });
    }

    @Test
    void stoppingTheAppenderFlushesBufferedLines(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-flush");
        broker.createTopic(topic, 1);
        LoggerContext ctx = Log4jFixture.use("shipping.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "intervalSecs", "3600"));
        Logger log = LogManager.getLogger("app.flush");
        KafkaLogAppender appender = ctx.getConfiguration().getAppender("KAFKA");
        LogShipper shipper = appender.shipper();
        IntStream.range(0, 50).forEach(i -> log.info("buffered-{}", i));
        awaitBuffered(shipper, 50);

        assertThat(appender.stop(10, TimeUnit.SECONDS)).isTrue();

        // At least the 50 (the in-process broker's own Kafka warnings are the application's and shipped too).
        assertThat(shipper.stats()).satisfies(s -> {
            assertThat(s.delivered()).isEqualTo(s.accepted()).isGreaterThanOrEqualTo(50);
            assertThat(s.dropped()).isZero();
        });
        assertThat(Log4jFixture.textEntries(broker, topic, "buffered-")).hasSize(50)
                .first().isEqualTo("INFO  app.flush - buffered-0");
    }

    @Test
    void logManagerShutdownsFiftyMillisecondTimeoutStillFlushesWithinCloseTimeout(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-shutdown");
        broker.createTopic(topic, 1);
        LoggerContext ctx = Log4jFixture.use("shipping.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "intervalSecs", "3600"));
        KafkaLogAppender appender = ctx.getConfiguration().getAppender("KAFKA");
        LogShipper shipper = appender.shipper();
        LogManager.getLogger("app.shutdown").info("last words");
        awaitBuffered(shipper, 1);

        // LogManager.shutdown() stops appenders with 50 ms, too short to mean a budget for a network flush.
        appender.stop(50, TimeUnit.MILLISECONDS);

        assertThat(shipper.stats().delivered()).isEqualTo(shipper.stats().accepted()).isPositive();
        assertThat(Log4jFixture.textEntries(broker, topic, "last words")).hasSize(1);
    }

    /**
     * Waits until the appender has handed {@code entries} events to its shipper. With async loggers (this class also
     * runs in the all-async fork when {@code -Dtest=} names it) Log4j calls the appender later, on its own thread;
     * events that reach it only after the test stopped it directly are dropped as "closed", not buffered. Log4j's own
     * shutdown drains its queue before it stops appenders; see {@code AllAsyncLoggersTest}.
     */
    private static void awaitBuffered(LogShipper shipper, long entries) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(shipper.stats().accepted()).isGreaterThanOrEqualTo(entries));
    }

    @Test
    void configFileSuppliesBrokerTopicAndFormatWhileAttributesOverrideIt(KafkaBroker broker, @TempDir Path dir)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("l4j-ini");
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[broker]\nbootstrap.servers = " + broker.bootstrapServers() + "\n\n"
                + "[log]\ntopic = " + topic + "\nprogram.id = from-file\ninterval.secs = 0.2\n"
                + "entry.format = json\n");
        Log4jFixture.use("config-file.xml", Map.of("iniFile", ini.toString()));

        LogManager.getLogger("app.ini").info("from the ini");

        await().atMost(WAIT).untilAsserted(() -> assertThat(Log4jFixture.entries(broker, topic))
                .anySatisfy(e -> assertThat(e.path("message").asText()).isEqualTo("from the ini")));
        assertThat(Log4jFixture.keys(broker, topic)).contains("from-attribute_log");
    }
}
