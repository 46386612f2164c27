package io.logshipper.examples.springboot.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.logshipper.testing.AppProcess;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;

/**
 * The sample as a user runs it: the repackaged jar under {@code java -jar}, configured only through Spring's
 * properties, against the in-process broker. One start covers everything, since a start costs seconds.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpringBootLogbackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_LOGGER = "io.logshipper.examples.springboot.logback";

    @Test
    void shipsMdcAndStackTracesFollowsActuatorLevelChangesAndFlushesOnSigterm(KafkaBroker broker,
            @TempDir Path dir) throws Exception {
        String topic = KafkaBroker.uniqueTopic("spring-logback");
        broker.createTopic(topic, 1);
        String output;
        try (AppProcess app = AppProcess.start(Path.of(System.getProperty("app.jar")), dir, Duration.ofSeconds(60),
                "/actuator/health",
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--logshipper.topic=" + topic,
                // One message at start, then none on the interval during the test: what the requests logged
                // can only arrive through the flush on SIGTERM.
                "--logshipper.interval-secs=600")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !broker.readAll(topic).isEmpty());
            assertThat(app.get("/orders?id=A-1").statusCode()).as(app::output).isEqualTo(200);
            assertThat(app.get("/orders?id=fail-2").statusCode()).as(app::output).isEqualTo(200);
            assertThat(app.postJson("/actuator/loggers/" + APP_LOGGER, "{\"configuredLevel\":\"DEBUG\"}")
                    .statusCode()).as(app::output).isEqualTo(204);
            assertThat(app.get("/orders?id=B-3").statusCode()).as(app::output).isEqualTo(200);
            assertThat(broker.readAll(topic)).as("sent before SIGTERM")
                    .noneMatch(r -> r.value().contains("order A-1") || r.value().contains("order B-3"));

            app.terminate(Duration.ofSeconds(30));
            output = app.output();
        }

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).as(output).isNotEmpty();
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo("shop_log"));
        List<JsonNode> entries = entries(records);

        JsonNode accepted = only(entries, "order A-1 accepted");
        assertThat(accepted.get("level").asText()).isEqualTo("INFO");
        assertThat(accepted.get("mdc").get("orderId").asText()).isEqualTo("A-1");

        JsonNode failed = only(entries, "order fail-2 could not be charged");
        assertThat(failed.get("level").asText()).isEqualTo("ERROR");
        assertThat(failed.get("exception").asText())
                .contains("java.lang.IllegalStateException: card declined")
                .contains("at " + ShopApplication.class.getName() + ".order(")
                .contains("Caused by: java.io.IOException: payment gateway closed the connection");

        assertThat(messages(entries)).as("DEBUG before the level change").doesNotContain("order A-1 details: 3 items")
                .contains("order B-3 details: 3 items");
        // Spring's own start-up lines went too; the Kafka client's config dump did not (org.apache.kafka at WARN).
        assertThat(messages(entries)).anyMatch(m -> m.startsWith("Started ShopApplication"));
        assertThat(output).doesNotContain("ProducerConfig values").doesNotContain("_IS_UNDEFINED");
        assertThat(records).noneMatch(r -> r.value().contains("_IS_UNDEFINED"));
    }

    private static List<JsonNode> entries(List<ShippedRecord> records) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ShippedRecord r : records) {
            JSON.readTree(r.value()).get("messages").forEach(out::add);
        }
        return out;
    }

    private static List<String> messages(List<JsonNode> entries) {
        return entries.stream().filter(JsonNode::isObject).map(e -> e.get("message").asText()).toList();
    }

    private static JsonNode only(List<JsonNode> entries, String message) {
        List<JsonNode> found = entries.stream()
                .filter(e -> e.isObject() && message.equals(e.get("message").asText())).toList();
        assertThat(found).as(message).hasSize(1);
        return found.get(0);
    }
}
