package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class EntryContentTest {

    private static Exception failure() {
        IllegalStateException cause = new IllegalStateException("disk full");
        Exception e = new RuntimeException("could not save order 42", cause);
        e.addSuppressed(new IllegalArgumentException("cleanup failed too"));
        return e;
    }

    @Test
    void theLayoutRunsLaterButSeesTheLoggingThreadsNameMdcAndCaller(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("lb-deferred");
        LoggerContext context = Fixtures.context("text-thread-mdc-caller",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));
        try {
            Thread worker = new Thread(() -> logFromWorker(context), "order-worker-7");
            worker.start();
            worker.join(10_000);
        } finally {
            context.stop();
        }

        assertThat(Fixtures.texts(broker, topic)).containsExactly("order-worker-7|42|logFromWorker|order accepted");
    }

    private static void logFromWorker(LoggerContext context) {
        org.slf4j.MDC.put("orderId", "42");
        try {
            context.getLogger("io.example.Orders").info("order accepted");
        } finally {
            org.slf4j.MDC.remove("orderId");
        }
    }

    @Test
    void textEntriesCarryTheStackTraceThroughTheDefaultLayout(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-text-ex");
        LoggerContext context = Fixtures.context("text-default-layout",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic));
        try {
            context.getLogger("io.example.Orders").error("saving failed", failure());
            context.getLogger("io.example.Orders").warn("plain line");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Fixtures.texts(broker, topic).size() >= 2);
        } finally {
            context.stop();
        }

        List<String> texts = Fixtures.texts(broker, topic);
        assertThat(texts.get(0))
                .matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ ERROR \\[[^]]+] io\\.example\\.Orders"
                        + " - saving failed\\R.*")
                .contains("java.lang.RuntimeException: could not save order 42")
                .contains("Caused by: java.lang.IllegalStateException: disk full")
                .contains("at io.logshipper.logback.EntryContentTest.failure")
                .doesNotEndWith("\n");
        assertThat(texts.get(1)).endsWith("WARN  [" + Thread.currentThread().getName()
                + "] io.example.Orders - plain line");
    }

    @Test
    void jsonEntriesCarryTheExceptionWithCausesAndSuppressed(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-json-ex");
        LoggerContext context = Fixtures.context("json", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic));
        try {
            context.getLogger("io.example.Orders").error("saving order {} failed", 42, failure());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !Fixtures.objects(broker, topic).isEmpty());
        } finally {
            context.stop();
        }

        JsonNode entry = Fixtures.objects(broker, topic).get(0);
        assertThat(entry.path("level").asText()).isEqualTo("ERROR");
        assertThat(entry.path("logger").asText()).isEqualTo("io.example.Orders");
        assertThat(entry.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(entry.path("message").asText()).isEqualTo("saving order 42 failed");
        assertThat(entry.path("time").asText()).endsWith("Z");
        assertThat(entry.path("exception").asText())
                .startsWith("java.lang.RuntimeException: could not save order 42")
                .contains("Caused by: java.lang.IllegalStateException: disk full")
                .contains("Suppressed: java.lang.IllegalArgumentException: cleanup failed too")
                .doesNotEndWith("\n");
    }

    @Test
    void jsonEntriesCarryMdcAndMarkersCapturedOnTheLoggingThread(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-json-mdc");
        LoggerContext context = Fixtures.context("json", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic));
        try {
            Logger log = context.getLogger("io.example.Checkout");
            MDC.put("requestId", "req-7");
            MDC.put("user", "ada");
            try {
                log.info(MarkerFactory.getMarker("AUDIT"), "paid");
            } finally {
                // Cleared at once: the entry must already hold its own copy of the MDC.
                MDC.clear();
            }
            log.debug("no context");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Fixtures.objects(broker, topic).size() >= 2);
        } finally {
            context.stop();
        }

        List<JsonNode> entries = Fixtures.objects(broker, topic);
        JsonNode paid = entries.get(0);
        assertThat(paid.path("message").asText()).isEqualTo("paid");
        assertThat(paid.path("mdc").path("requestId").asText()).isEqualTo("req-7");
        assertThat(paid.path("mdc").path("user").asText()).isEqualTo("ada");
        assertThat(paid.path("markers")).extracting(JsonNode::asText).containsExactly("AUDIT");
        JsonNode plain = entries.get(1);
        assertThat(plain.path("level").asText()).isEqualTo("DEBUG");
        assertThat(plain.has("mdc")).isFalse();
        assertThat(plain.has("markers")).isFalse();
        assertThat(plain.has("exception")).isFalse();
    }
}
