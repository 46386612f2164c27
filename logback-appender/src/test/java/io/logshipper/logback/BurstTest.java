package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

import io.logshipper.ShipperStats;
import io.logshipper.testing.Burst;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** Issue 15: 10,000 threads × 10 lines at once arrive whole with the appender's defaults. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BurstTest {

    private static final int THREADS = 10_000;
    private static final int LINES = 10;

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aBurstOfTenThousandThreadsArrivesWholeWithDefaults(String format, KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("lb-burst-" + format);
        LoggerContext context = Fixtures.context("burst-defaults", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic, "format", format));
        KafkaLogAppender appender = (KafkaLogAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("KAFKA");
        ShipperStats stats;
        long nanos;
        try {
            Logger log = context.getLogger("io.example.Burst");
            nanos = Burst.run(THREADS, LINES, (t, n) -> log.info("burst t={} n={}", t, n));
            stats = appender.getShipper().stats();
        } finally {
            context.stop();
        }
        List<String> texts = "json".equals(format)
                ? Fixtures.objects(broker, topic).stream().map(e -> e.path("message").asText()).toList()
                : Fixtures.texts(broker, topic);
        System.out.printf("logback %s burst: %d ms of logging (%s threads), %s%n", format,
                TimeUnit.NANOSECONDS.toMillis(nanos), Burst.virtualThreads() ? "virtual" : "pooled platform", stats);
        assertThat(stats.dropped()).as("entries dropped during the burst").isZero();
        assertThat(Burst.problems(texts, THREADS, LINES)).isEmpty();
    }
}
