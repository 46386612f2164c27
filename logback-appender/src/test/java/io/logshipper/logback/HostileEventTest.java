package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MarkerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

import io.logshipper.testing.Hostile;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * Events whose parts throw. Logback 1.6 reads an exception's message, toString() and stack trace into its
 * ThrowableProxy when it builds the event, before any appender runs, and throws into the logging call when they
 * throw, so such an exception never reaches the appender. What does reach it: an argument whose toString()
 * throws (SLF4J writes {@code [FAILED toString()]}), and a layout that throws, which must not cost the entry.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class HostileEventTest {

    @Test
    void textEntriesOfEventsWhosePartsThrowAreShippedWithPlaceholders(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-hostile-text");
        LoggerContext context = Fixtures.context("text-default-layout",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));
        try {
            logHostileEvents(context.getLogger("io.example.Hostile"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Fixtures.texts(broker, topic).size() >= 3);
        } finally {
            context.stop();
        }

        List<String> texts = Fixtures.texts(broker, topic);
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0)).contains("argument [FAILED toString()]");
        assertThat(texts.get(1)).contains("both [FAILED toString()]")
                .contains("java.lang.IllegalStateException: disk full")
                .contains("at io.logshipper.logback.HostileEventTest.logHostileEvents");
        assertThat(texts.get(2)).endsWith("after");
    }

    @Test
    void jsonEntriesOfEventsWhosePartsThrowAreShippedWithPlaceholders(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-hostile-json");
        LoggerContext context = Fixtures.context("json", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic));
        try {
            logHostileEvents(context.getLogger("io.example.Hostile"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Fixtures.objects(broker, topic).size() >= 3);
        } finally {
            context.stop();
        }

        List<JsonNode> entries = Fixtures.objects(broker, topic);
        assertThat(entries.stream().map(e -> e.path("message").asText()).collect(Collectors.toList()))
                .containsExactly("argument [FAILED toString()]", "both [FAILED toString()]", "after");
        assertThat(entries.get(1).path("exception").asText()).startsWith("java.lang.IllegalStateException: disk full");
    }

    @Test
    void anEventWhoseLayoutThrowsOnTheShippersThreadIsShippedWithAPlaceholder(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-hostile-layout");
        LoggerContext context = Fixtures.context("text-throwing-layout",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));
        try {
            Logger log = context.getLogger("io.example.Fragile");
            log.info(MarkerFactory.getMarker("BREAK_LAYOUT"), "order {} failed", 42,
                    new IllegalStateException("disk full"));
            log.info("after");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Fixtures.texts(broker, topic).size() >= 2);
        } finally {
            context.stop();
        }

        List<String> texts = Fixtures.texts(broker, topic);
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0))
                .contains(" INFO [").contains("io.example.Fragile - order 42 failed"
                        + " [logshipper: the layout threw java.lang.IllegalStateException]")
                .contains("java.lang.IllegalStateException: disk full");
        assertThat(texts.get(1)).isEqualTo("ok io.example.Fragile - after");
    }

    @Test
    void logbackThrowsIntoTheLoggingCallBeforeAnyAppenderWhenAPartOfTheExceptionThrows(
            KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-hostile-proxy");
        LoggerContext context = Fixtures.context("json", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic));
        try {
            Logger log = context.getLogger("io.example.Hostile");
            // Documents Logback 1.6's ThrowableProxy: if this starts passing events through, the appender must
            // render such exceptions with placeholders (as the Log4j2 appender does).
            assertThatThrownBy(() -> log.error("x", Hostile.exceptionThrowingFrom("getMessage")))
                    .hasMessage("getMessage is broken");
            if (logbackBefore15()) {
                // Logback 1.3/1.4's ThrowableProxy never calls toString(), so this event reaches the appender,
                // which must ship it (the exception's text through its placeholder) and go on shipping.
                log.error("x", Hostile.exceptionThrowingFrom("toString"));
                log.info("after");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> Fixtures.objects(broker, topic).size() >= 2);
                List<JsonNode> entries = Fixtures.objects(broker, topic);
                assertThat(entries.stream().map(e -> e.path("message").asText()).collect(Collectors.toList()))
                        .containsExactly("x", "after");
                assertThat(entries.get(0).path("exception").asText())
                        .startsWith(Hostile.class.getName() + "$HostileException: hostile message");
            } else {
                assertThatThrownBy(() -> log.error("x", Hostile.exceptionThrowingFrom("toString")))
                        .hasMessage("toString is broken");
            }
            assertThatThrownBy(() -> log.error("x", Hostile.exceptionThrowingFrom("getStackTrace")))
                    .hasMessage("getStackTrace is broken");
        } finally {
            context.stop();
        }
    }

    private static boolean logbackBefore15() {
        String v = LoggerContext.class.getPackage().getImplementationVersion();
        return v != null && (v.startsWith("1.3.") || v.startsWith("1.4."));
    }

    private static void logHostileEvents(Logger log) {
        log.info("argument {}", Hostile.argument());
        log.error("both {}", Hostile.argument(), new IllegalStateException("disk full"));
        log.info("after");
    }
}
