package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class DeliveryTest {

    @Test
    void everyLoggedLineArrivesExactlyOnceInOrderKeyedByProgramId(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-order");
        broker.createTopic(topic, 1);
        LoggerContext context = Fixtures.context("text-pattern", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic));
        List<String> expected = IntStream.range(0, 2_000).mapToObj(i -> "line-" + i).toList();
        try {
            Logger log = context.getLogger("io.example.Orders");
            expected.forEach(log::info);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Fixtures.texts(broker, topic).size() >= expected.size());
        } finally {
            context.stop();
        }

        assertThat(Fixtures.texts(broker, topic)).containsExactlyElementsOf(expected);
        assertThat(Fixtures.shipped(broker, topic)).extracting(Fixtures.Shipped::key)
                .containsOnly("orders-service_log");
        assertThat(Fixtures.statuses(context, Status.ERROR)).isEmpty();
    }

    @Test
    void stoppingTheContextFlushesWhatIsBuffered(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-flush");
        broker.createTopic(topic, 1);
        LoggerContext context = Fixtures.context("text-pattern", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic, "intervalSecs", "3600"));
        Logger log = context.getLogger("io.example.Flush");
        List<String> expected = IntStream.range(0, 100).mapToObj(i -> "buffered-" + i).toList();
        expected.forEach(log::info);

        context.stop();

        // close() waits for the broker's acknowledgements, so everything is readable as soon as stop returns.
        assertThat(Fixtures.texts(broker, topic)).containsExactlyElementsOf(expected);
        assertThat(Fixtures.statuses(context, Status.INFO)).anyMatch(s -> s.contains("every entry was delivered"));
    }
}
