package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.testing.Hostile;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** Events whose exception or argument throws from getMessage, toString or getStackTrace are still shipped. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileEventTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @AfterEach
    void reset() {
        Log4jFixture.quiet();
    }

    @Test
    void textEntriesOfEventsWhosePartsThrowAreShippedWithPlaceholders(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-hostile-text");
        Log4jFixture.use("shipping.xml", Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));
        logHostileEvents(LogManager.getLogger("app.hostile"));

        await().atMost(WAIT).untilAsserted(() -> {
            List<String> texts = Log4jFixture.textEntries(broker, topic, "app.hostile");
            assertThat(texts).hasSize(4);
            assertThat(texts.get(0)).contains("exception follows").contains("[logshipper: ");
            assertThat(texts.get(1)).contains("argument ").contains("argument toString is broken");
            assertThat(texts.get(2)).contains("both ").contains("[logshipper: ");
            assertThat(texts.get(3)).endsWith("after");
        });
    }

    @Test
    void jsonEntriesOfEventsWhosePartsThrowAreShippedWithPlaceholders(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-hostile-json");
        Log4jFixture.use("no-layout.xml",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "entryFormat", "json"));
        logHostileEvents(LogManager.getLogger("app.hostile"));

        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> entries = Log4jFixture.entries(broker, topic).stream()
                    .filter(n -> n.isObject() && "app.hostile".equals(n.path("logger").asText()))
                    .collect(Collectors.toList());
            assertThat(entries).hasSize(4);
            assertThat(entries.get(0).path("message").asText()).isEqualTo("exception follows");
            assertThat(entries.get(0).path("exception").asText()).contains("[logshipper: ");
            assertThat(entries.get(1).path("message").asText()).contains("argument toString is broken");
            assertThat(entries.get(2).path("exception").asText()).contains("[logshipper: ");
            assertThat(entries.get(3).path("message").asText()).isEqualTo("after");
        });
    }

    private static void logHostileEvents(Logger log) {
        log.error("exception follows", Hostile.exception());
        log.info("argument {}", Hostile.argument());
        log.error("both {}", Hostile.argument(), Hostile.exception());
        log.info("after");
    }
}
