package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;

import io.logshipper.ShipperHealth.State;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(90)
class ObservabilityTest {

    @Test
    void aBrokerThatIsDownIsAWarnStatusWithTheDropCountAndNothingOnStandardError() throws IOException {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = null;
        try {
            context = Fixtures.context("broker-down", Map.of("bootstrap", "127.0.0.1:" + closedPort()));
            Logger log = context.getLogger("io.example.Down");
            for (int i = 0; i < 50; i++) {
                log.info("entry " + i);
            }
            LoggerContext ctx = context;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Fixtures.statuses(ctx, Status.WARN))
                    .anySatisfy(s -> assertThat(s).startsWith("logshipper [down-service]: Kafka did not take a message")
                            .contains("so far 45 log entries dropped (buffer full 45)"))
                    .anySatisfy(s -> assertThat(s).contains("being dropped because the buffer is full")));
            KafkaLogAppender appender = (KafkaLogAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                    .getAppender("KAFKA");
            assertThat(appender.health().state()).isEqualTo(State.DEGRADED);
            assertThat(appender.health().lastError()).contains("TimeoutException");
            assertThat(appender.stats().droppedBufferFull()).isEqualTo(45);
        } finally {
            if (context != null) {
                context.stop();
            }
            System.setErr(original);
        }
        assertThat(Fixtures.statuses(context, Status.ERROR)).isEmpty();
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("logshipper");
    }

    @Test
    void statsAndHealthStayReadableAfterStop(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-observed");
        LoggerContext context = Fixtures.context("text-pattern", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic));
        KafkaLogAppender appender = (KafkaLogAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("KAFKA");
        Logger log = context.getLogger("io.example.Observed");
        for (int i = 0; i < 10; i++) {
            log.info("observed " + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> appender.stats().delivered() == 10);
        assertThat(appender.health().state()).isEqualTo(State.CONNECTED);

        context.stop();

        assertThat(appender.stats().delivered()).isEqualTo(10);
        assertThat(appender.stats().accepted()).isEqualTo(10);
        assertThat(appender.health().state()).isEqualTo(State.STOPPED);
        assertThat(appender.health().lastSuccessfulSend()).isNotNull();
    }

    @Test
    void anAppenderThatDidNotStartSaysWhyInItsHealth() {
        LoggerContext context = Fixtures.context("mistake-missing-topic", Map.of("bootstrap", "127.0.0.1:9"));
        try {
            KafkaLogAppender appender = (KafkaLogAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                    .getAppender("KAFKA");
            assertThat(appender.health().state()).isEqualTo(State.STOPPED);
            assertThat(appender.health().lastError()).contains("<topic> is required");
            assertThat(appender.stats().accepted()).isZero();
        } finally {
            context.stop();
        }
    }

    @Test
    void aListenerElementIsCreatedByLogbackAndHearsTheMessagesSent(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("lb-listener");
        long before = CountingListener.SENT_ENTRIES.get();
        LoggerContext context = Fixtures.context("listener", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic, "listenerClass", CountingListener.class.getName()));
        try {
            Logger log = context.getLogger("io.example.Heard");
            for (int i = 0; i < 5; i++) {
                log.info("heard " + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> CountingListener.SENT_ENTRIES.get() - before == 5);
        } finally {
            context.stop();
        }
        assertThat(Fixtures.statuses(context, Status.ERROR)).isEmpty();
    }

    /**
     * Logback creates the listener, as any nested component, and reports what goes wrong as it does for any
     * component: an ERROR status naming the element and the class. The appender still starts and ships.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            com.example.NoSuchListener                         | Could not create component [listener] of type [com.example.NoSuchListener]
            java.lang.StringBuilder                            | java.lang.StringBuilder
            io.logshipper.logback.CountingListener$Throwing    | Could not create component [listener] of type [io.logshipper.logback.CountingListener$Throwing]
            """)
    void aListenerLogbackCannotCreateIsReportedByLogbackNamingTheElementAndClass(String listenerClass, String detail,
            KafkaBroker broker) {
        LoggerContext context = Fixtures.context("listener", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", KafkaBroker.uniqueTopic("lb-bad-listener"), "listenerClass", listenerClass));
        try {
            assertThat(Fixtures.statuses(context, Status.ERROR)).anySatisfy(s -> assertThat(s).contains(detail));
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("KAFKA").isStarted()).isTrue();
        } finally {
            context.stop();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
