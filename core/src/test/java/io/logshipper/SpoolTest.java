package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.config.Settings;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * The disk spool against the real broker: an outage (a port nobody listens on) fills the spool, not the heap; the
 * next start sends what is spooled first, in order, on the same key; a full spool refuses, counts exactly and says
 * so in-band; a spool that cannot be used leaves shipping on, without it, and says so.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class SpoolTest {

    @TempDir
    Path dir;

    static String unreachable() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    private static LogShipperBuilder spooled(String servers, String topic, String programId, Path spoolDir) {
        return LogShipper.builder().bootstrapServers(servers).topic(topic).programId(programId)
                .interval(Duration.ofMillis(50)).sendWhenIdle(false)
                .producerSetting("max.block.ms", "300")
                .set(Settings.SPOOL_DIR, spoolDir.toString());
    }

    @Test
    void anOutageLosesNothingAndTheNextStartSendsTheSpoolFirstInOrderOnTheSameKey(KafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("spool-outage");
        broker.createTopic(topic, 3);
        LogShipper down = spooled(unreachable(), topic, "outage", dir).build();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            assertThat(down.log("before " + i)).isTrue();
            expected.add("before " + i);
            if (i % 50 == 49) {
                Thread.sleep(120);
            }
        }
        long start = System.nanoTime();
        long undelivered = down.close(Duration.ofSeconds(3));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
        assertThat(undelivered).isEqualTo(300);
        assertThat(down.stats().dropped()).isZero();

        long restart = System.currentTimeMillis();
        LogShipper up = spooled(broker.bootstrapServers(), topic, "outage", dir).build();
        for (int i = 0; i < 20; i++) {
            up.log("after " + i);
            expected.add("after " + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> up.stats().delivered() == 20);
        assertThat(up.close(Duration.ofSeconds(10))).isZero();

        assertThat(broker.readAll(topic)).allSatisfy(r -> assertThat(r.key()).isEqualTo("outage_log"));
        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(expected);
        // The spooled messages keep the time they were assembled at, before the restart.
        JsonNode first = Shipped.messages(broker, topic).get(0);
        assertThat(first.get("timestamp").asDouble() * 1000).isLessThan(restart);
        assertThat(Shipped.entries(broker, topic).toString()).contains("spooled by an earlier run first");
    }

    @Test
    void aFullSpoolRefusesEntriesCountsThemExactlyAndSaysSoInBandAfterTheOutage(KafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("spool-full");
        broker.createTopic(topic, 1);
        LogShipperBuilder small = spooled(unreachable(), topic, "full", dir)
                .maxBufferedEntries(100).maxMessageBytes(4096)
                .set(Settings.SPOOL_MAX_BYTES, 32L * 1024).set(Settings.SPOOL_SEGMENT_BYTES, 16L * 1024);
        LogShipper down = small.build();
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 1500; i++) {
            String text = "entry " + i + " " + "x".repeat(80);
            if (down.log(text)) {
                accepted.add(text);
            } else {
                refused++;
            }
            if (i % 50 == 49) {
                Thread.sleep(60);
            }
        }
        assertThat(refused).isGreaterThan(0);
        down.close(Duration.ofSeconds(3));
        assertThat(down.stats().dropped()).isEqualTo(refused);
        assertThat(Files.size(dir.resolve("full").resolve("00000000000000000001.seg"))).isPositive();

        LogShipper up = spooled(broker.bootstrapServers(), topic, "full", dir).maxMessageBytes(4096)
                .set(Settings.SPOOL_MAX_BYTES, 32L * 1024).set(Settings.SPOOL_SEGMENT_BYTES, 16L * 1024).build();
        await().atMost(Duration.ofSeconds(30)).until(() -> Shipped.texts(broker, topic).size() >= accepted.size());
        up.close(Duration.ofSeconds(10));

        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(accepted);
        long announced = 0;
        boolean spoolSaid = false;
        Pattern dropped = Pattern.compile("logshipper: dropped (\\d+) log entries");
        for (JsonNode e : Shipped.entries(broker, topic)) {
            Matcher m = dropped.matcher(e.asText());
            if (m.find()) {
                announced += Long.parseLong(m.group(1));
                spoolSaid |= e.asText().contains("because the disk spool refused them (full: spool.max.bytes=32768)");
            }
        }
        assertThat(announced).isEqualTo(refused);
        assertThat(spoolSaid).isTrue();
    }

    @Test
    void aSpoolDirectoryThatCannotBeWrittenLeavesShippingOnWithoutItAndSaysSo(KafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("spool-readonly");
        broker.createTopic(topic, 1);
        Path readOnly = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (Files.isWritable(readOnly)) {
            // Root writes anywhere: a read-only file system it is.
            readOnly = Path.of("/proc/self/logshipper-spool");
        }
        RecordingListener listener = new RecordingListener();
        LogShipper shipper = spooled(broker.bootstrapServers(), topic, "ro", readOnly).listener(listener).build();
        shipper.log("shipped anyway");
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.stats().delivered() == 1);
        assertThat(shipper.health().state()).isEqualTo(ShipperHealth.State.DEGRADED);
        assertThat(shipper.health().lastError()).contains("cannot be used").contains("without the spool");
        shipper.close(Duration.ofSeconds(10));
        assertThat(Shipped.texts(broker, topic)).containsExactly("shipped anyway");
        assertThat(Shipped.entries(broker, topic).toString()).contains("shipping without the spool");
        assertThat(listener.states).contains(ShipperHealth.State.DEGRADED);
    }

    @Test
    void aSecondShipperOnTheSameSpoolRunsWithoutItAndTheFirstIsUnaffected(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("spool-lock");
        broker.createTopic(topic, 1);
        LogShipper first = spooled(broker.bootstrapServers(), topic, "twice", dir).build();
        first.log("first 0");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.stats().delivered() == 1);
        LogShipper second = spooled(broker.bootstrapServers(), topic, "twice", dir).build();
        second.log("second 0");
        await().atMost(Duration.ofSeconds(30)).until(() -> second.stats().delivered() == 1);
        assertThat(second.health().lastError()).contains("in use").contains("spool.lock");
        first.log("first 1");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.stats().delivered() == 2);
        assertThat(first.health().state()).isEqualTo(ShipperHealth.State.CONNECTED);
        first.close(Duration.ofSeconds(10));
        second.close(Duration.ofSeconds(10));
        assertThat(Shipped.texts(broker, topic)).containsExactlyInAnyOrder("first 0", "second 0", "first 1");
    }

    @Test
    void theSpoolNeedsAProgramIdAndSegmentsThatHoldTheLargestMessage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogShipper.builder().bootstrapServers("x:1")
                        .topic("t").set(Settings.SPOOL_DIR, dir.toString()).config())
                .hasMessageContaining("spoolDir").hasMessageContaining("programId");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogShipper.builder().bootstrapServers("x:1")
                        .topic("t").programId("p").set(Settings.SPOOL_DIR, dir.toString())
                        .set(Settings.SPOOL_SEGMENT_BYTES, 64L * 1024).config())
                .hasMessageContaining("spoolSegmentBytes").hasMessageContaining("maxMessageBytes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogShipper.builder().bootstrapServers("x:1")
                        .topic("t").programId("p").set(Settings.SPOOL_DIR, dir.toString())
                        .set(Settings.SPOOL_MAX_BYTES, 5L * 1024 * 1024).config())
                .hasMessageContaining("spoolMaxBytes").hasMessageContaining("twice");
    }
}
