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

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * The Kafka client logs through SLF4J into this very Log4j2 configuration, at TRACE, with KafkaLog attached to
 * {@code org.apache.kafka}: those events must reach the other appender and never the shipper.
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
        assertThat(appender.shipper().stats().accepted()).isEqualTo(10_000);
        assertThat(RecordingAppender.data("OTHER").messages()).hasSize(10_000);
    }

    @Test
    void kafkaClientEventsReachOtherAppendersButAreNeverShipped(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-recursion");
        broker.createTopic(topic, 1);
        Log4jFixture.use("shipping.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "kafkaLevel", "TRACE"));
        Logger log = LogManager.getLogger("app.up");

        IntStream.range(0, 100).forEach(i -> log.info("up-{}", i));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Log4jFixture.textEntries(broker, topic, "up-")).hasSize(100));
        assertThat(RecordingAppender.data("OTHER").kafkaEvents()).isPositive();
        assertThat(Log4jFixture.entries(broker, topic)).extracting(JsonNode::asText)
                .noneMatch(text -> text.contains("org.apache.kafka"));
    }
}
