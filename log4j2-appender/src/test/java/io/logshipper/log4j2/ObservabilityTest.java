package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.ShipperHealth.State;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** The appender's own channel (the StatusLogger), its stats and health, and listeners named in the XML. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ObservabilityTest {

    @AfterEach
    void reset() {
        Log4jFixture.quiet();
    }

    @Test
    void aBrokerThatIsDownIsAStatusLoggerWarningWithTheDropCountAndNothingOnStandardError() throws IOException {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StatusRecorder status = StatusRecorder.register();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LoggerContext ctx = Log4jFixture.use("broker-down.xml", Map.of("bootstrap", "127.0.0.1:" + closedPort()));
            Logger log = LogManager.getLogger("app.down");
            for (int i = 0; i < 50; i++) {
                log.info("entry {}", i);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status.warnings())
                    .anySatisfy(s -> assertThat(s)
                            .startsWith("KafkaLog 'KAFKA': logshipper [down-l4j]: Kafka did not take a message")
                            .contains("so far 45 log entries dropped (buffer full 45)"))
                    .anySatisfy(s -> assertThat(s).contains("being dropped because the buffer is full")));
            KafkaLogAppender appender = ctx.getConfiguration().getAppender("KAFKA");
            assertThat(appender.health().state()).isEqualTo(State.DEGRADED);
            assertThat(appender.stats().droppedBufferFull()).isEqualTo(45);
            Log4jFixture.quiet();
            assertThat(appender.health().state()).isEqualTo(State.STOPPED);
            assertThat(appender.stats().droppedBufferFull()).isEqualTo(45);
        } finally {
            System.setErr(original);
            status.unregister();
        }
        assertThat(status.errors()).isEmpty();
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("logshipper");
    }

    @Test
    void statsAndHealthStayReadableAfterStop(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("l4j-observed");
        LoggerContext ctx = Log4jFixture.use("shipping.xml", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", topic));
        KafkaLogAppender appender = ctx.getConfiguration().getAppender("KAFKA");
        Logger log = LogManager.getLogger("app.observed");
        for (int i = 0; i < 10; i++) {
            log.info("observed {}", i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> appender.stats().delivered() >= 10);
        assertThat(appender.health().state()).isEqualTo(State.CONNECTED);

        Log4jFixture.quiet();

        assertThat(appender.stats().delivered()).isGreaterThanOrEqualTo(10);
        assertThat(appender.health().state()).isEqualTo(State.STOPPED);
        assertThat(appender.health().lastSuccessfulSend()).isNotNull();
    }

    @Test
    void theListenerAttributeCreatesTheClassAndJmxRegistersTheMxBeanUntilStop(KafkaBroker broker) throws Exception {
        long before = CountingListener.SENT_ENTRIES.get();
        LoggerContext ctx = Log4jFixture.use("listener-jmx.xml", Map.of("bootstrap", broker.bootstrapServers(),
                "topic", KafkaBroker.uniqueTopic("l4j-heard"), "listenerClass", CountingListener.class.getName()));
        ObjectName name = new ObjectName("io.logshipper:type=LogShipper,name=l4j-heard");
        Logger log = LogManager.getLogger("app.heard");
        for (int i = 0; i < 4; i++) {
            log.info("heard {}", i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> CountingListener.SENT_ENTRIES.get() - before == 4);
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Delivered")).isEqualTo(4L);

        Log4jFixture.quiet();

        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();
        assertThat((Object) ctx.getConfiguration().getAppender("KAFKA")).isNull();
    }

    @Test
    void aListenerWhoseConstructorThrowsIsAStatusErrorNamingTheAttribute(KafkaBroker broker) {
        StatusRecorder status = StatusRecorder.register();
        try {
            LoggerContext ctx = Log4jFixture.use("listener-jmx.xml", Map.of("bootstrap", broker.bootstrapServers(),
                    "topic", KafkaBroker.uniqueTopic("l4j-throwing"),
                    "listenerClass", CountingListener.Throwing.class.getName()));
            assertThat(status.errors()).contains("KafkaLog 'KAFKA': attribute listener names class '"
                    + CountingListener.Throwing.class.getName()
                    + "', whose constructor threw IllegalStateException: no listening today; nothing will be shipped");
            KafkaLogAppender appender = ctx.getConfiguration().getAppender("KAFKA");
            assertThat(appender.health().state()).isEqualTo(State.STOPPED);
            assertThat(appender.health().lastError()).contains("no listening today");
        } finally {
            status.unregister();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
