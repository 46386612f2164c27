package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.config.IniConfig;
import io.logshipper.config.Settings;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** The disk spool configured in an INI file's {@code [log]} section. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class SpoolIniTest {

    @TempDir
    Path dir;

    private Path ini(String servers, String topic) throws Exception {
        return Files.writeString(dir.resolve("app.ini"), "[broker]\nbootstrap.servers = " + servers + "\n\n"
                + "[log]\ntopic = " + topic + "\nprogram.id = ini-spooled\ninterval.secs = 0.1\n"
                + "send.when.idle = false\nspool.dir = " + dir.resolve("spool") + "\nspool.max.bytes = 16 MiB\n"
                + "spool.segment.bytes = 2 MiB\nspool.fsync.interval.ms = -1\n");
    }

    @Test
    void entriesLoggedWhileTheBrokerIsUnreachableArriveFromTheSpoolAfterARestart(KafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("ini-spool");
        broker.createTopic(topic, 1);
        LogShipperConfig config = IniConfig.builder(ini(SpoolTest.unreachable(), topic)).config();
        assertThat(config.get(Settings.SPOOL_FSYNC_INTERVAL_MS)).isEqualTo(-1L);
        assertThat(config.get(Settings.SPOOL_MAX_BYTES)).isEqualTo(16L * 1024 * 1024);
        LogShipper down = LogShipper.start(config);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            down.log("spooled " + i);
            expected.add("spooled " + i);
        }
        assertThat(down.close(Duration.ofSeconds(3))).isEqualTo(30);
        assertThat(dir.resolve("spool").resolve("ini-spooled").resolve("00000000000000000001.seg")).exists();

        LogShipper up = LogShipper.start(IniConfig.builder(ini(broker.bootstrapServers(), topic)).config());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Shipped.texts(broker, topic).size() >= 30);
        up.close(Duration.ofSeconds(10));
        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(expected);
    }
}
