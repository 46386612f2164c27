package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import io.logshipper.LogShipperOptions;
import io.logshipper.ShippingHandle;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class AttachmentTest {

    @Test
    void startWithTheFlagsShipsWhatReachesLogbacksRootLogger(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String topic = KafkaBroker.uniqueTopic("logback-flags");
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[broker]\nbootstrap.servers = " + broker.bootstrapServers() + "\n[log]\nlog.level = WARN\n");
        LogShipperOptions options = LogShipperOptions.fromArgs("--config", ini.toString(), "--log_topic_name", topic,
                "--log_program_id", "flags", "--log_interval_secs", "0.2", "input.csv");

        try (ShippingHandle handle = options.start()) {
            assertThat(handle.framework()).isEqualTo("logback");
            LoggerFactory.getLogger("com.example.Host").warn("shipped through the attached appender");
            LoggerFactory.getLogger("com.example.Host").error("an error with a stack trace", new IllegalStateException("boom"));
            assertThat(handle.close(Duration.ofSeconds(20))).isZero();
        }
        LoggerFactory.getLogger("com.example.Host").warn("after close: not shipped");

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).extracting(ShippedRecord::key).containsOnly("flags_log");
        String all = String.join("\n", records.stream().map(ShippedRecord::value).toList());
        assertThat(all).contains("WARN  [main] com.example.Host - shipped through the attached appender")
                .contains("java.lang.IllegalStateException: boom").doesNotContain("after close");
        assertThat(options.remainingArgs()).containsExactly("--config", ini.toString(), "input.csv");
    }

    @Test
    void shippingStartedByTheFlagsSaysItsProblemsAsWarnStatusesOfTheApplicationsContext(@TempDir Path dir)
            throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path ini = dir.resolve("down.ini");
        Files.writeString(ini, "[broker]\nbootstrap.servers = 127.0.0.1:" + closed + "\nmax.block.ms = 300\n");
        LogShipperOptions options = LogShipperOptions.fromArgs("--config", ini.toString(), "--log_topic_name",
                "nowhere", "--log_program_id", "flags-down", "--log_interval_secs", "0.1");
        ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext)
                LoggerFactory.getILoggerFactory();

        try (ShippingHandle handle = options.start()) {
            LoggerFactory.getLogger("com.example.Host").warn("waits for a broker that is not there");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Fixtures.statuses(context,
                    ch.qos.logback.core.status.Status.WARN).stream()
                    .anyMatch(m -> m.startsWith("logshipper [flags-down]: Kafka did not take a message")));
            handle.close(Duration.ofMillis(500));
        }
    }
}
