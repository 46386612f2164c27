package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.LogShipperOptions;
import io.logshipper.ShippingHandle;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class AttachmentTest {

    @Test
    void startWithTheFlagsShipsWhatReachesLog4j2sRootLogger(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String topic = KafkaBroker.uniqueTopic("log4j2-flags");
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[broker]\nbootstrap.servers = " + broker.bootstrapServers() + "\n");
        LogShipperOptions options = LogShipperOptions.fromArgs("--config", ini.toString(), "--log_topic_name", topic,
                "--log_program_id", "flags", "--log_interval_secs", "0.2");

        try (ShippingHandle handle = options.start()) {
            assertThat(handle.framework()).isEqualTo("log4j2");
            LogManager.getLogger("com.example.Host").warn("shipped through the attached appender");
            assertThat(handle.close(Duration.ofSeconds(20))).isZero();
        }
        LogManager.getLogger("com.example.Host").warn("after close: not shipped");

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).extracting(ShippedRecord::key).containsOnly("flags_log");
        String all = String.join("\n", records.stream().map(ShippedRecord::value).toList());
        assertThat(all).contains("com.example.Host - shipped through the attached appender")
                .doesNotContain("after close");
    }
}
