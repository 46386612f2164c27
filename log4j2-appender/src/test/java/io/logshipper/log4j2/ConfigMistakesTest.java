package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A wrong {@code <KafkaLog>} is reported through the StatusLogger naming what is wrong, is left out of the
 * configuration, and the rest of the configuration keeps logging. No broker is needed: nothing is started.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigMistakesTest {

    private StatusRecorder status;

    @BeforeEach
    void listen() {
        RecordingAppender.clear();
        status = StatusRecorder.register();
    }

    @AfterEach
    void reset() {
        status.unregister();
        Log4jFixture.quiet();
    }

    @Test
    void missingTopicIsReportedAndTheAppenderLeftOut() {
        assertMistakeReported(Map.of("topicAttr", ""), "KafkaLog 'KAFKA': attribute topic is required");
    }

    @Test
    void badEntryFormatIsReportedAndTheAppenderLeftOut() {
        assertMistakeReported(Map.of("topicAttr", "logs", "formatAttr", "xml"),
                "KafkaLog 'KAFKA': attribute entryFormat must be 'text' or 'json', not 'xml'");
    }

    @Test
    void unknownProducerPropertyIsReportedWithASuggestion() {
        assertMistakeReported(Map.of("topicAttr", "logs", "propertyName", "lingerms"),
                "KafkaLog 'KAFKA': <Property name=\"lingerms\">: unknown Kafka producer setting 'lingerms'");
        assertThat(status.errors()).anySatisfy(e -> assertThat(e).contains("linger.ms"));
    }

    @Test
    void badNumberIsReportedNamingTheAttribute() {
        KafkaLogAppender built = KafkaLogAppender.newBuilder().setName("B").set("topic", "logs")
                .set("bootstrapServers", "127.0.0.1:1").set("intervalSecs", "soon").build();

        assertThat(built).isNull();
        assertThat(status.errors()).anySatisfy(e -> assertThat(e)
                .startsWith("KafkaLog 'B': attribute intervalSecs must be a decimal number of seconds from 0.001 to 86400,"
                        + " not 'soon'"));
    }

    @Test
    void missingConfigFileIsReportedNamingTheAttribute() {
        KafkaLogAppender built = KafkaLogAppender.newBuilder().setName("C")
                .setConfigFile("/nonexistent/app.ini").build();

        assertThat(built).isNull();
        assertThat(status.errors()).anySatisfy(e -> assertThat(e)
                .startsWith("KafkaLog 'C': attribute configFile").contains("/nonexistent/app.ini"));
    }

    private void assertMistakeReported(Map<String, String> properties, String expectedError) {
        LoggerContext ctx = Log4jFixture.use("mistake.xml", properties);

        LogManager.getLogger("app.mistake").info("still logging");

        assertThat(status.errors()).anySatisfy(e -> assertThat(e).startsWith(expectedError));
        assertThat(ctx.getConfiguration().<KafkaLogAppender>getAppender("KAFKA")).isNull();
        // Awaited: under an async context selector the event reaches the appender on another thread.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(RecordingAppender.data("OTHER").messages()).containsExactly("still logging"));
    }
}
