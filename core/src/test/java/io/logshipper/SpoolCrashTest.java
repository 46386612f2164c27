package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * The spool through a real crash: a child JVM logs with no broker to reach, is killed with SIGKILL
 * ({@code Process.destroyForcibly()}), and a new child on the same spool directory, now with the broker, delivers
 * everything it had assembled. Also two processes on one spool directory.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(240)
class SpoolCrashTest {

    private static final int ENTRIES = 500;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    private Process child(String servers, String topic, String programId, String prefix, int entries, String name)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File output = logOf(name).toFile();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SpoolCrashChild.class.getName(), servers, topic, programId, dir.resolve("spool").toString(),
                String.valueOf(entries), prefix, dir.resolve(name + ".stop").toString()))
                .redirectErrorStream(true).redirectOutput(output).start();
        children.add(p);
        return p;
    }

    /** Under target/, so that what a child said outlives the test's temporary directory. */
    private Path logOf(String name) throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "spool-children"));
        return logs.resolve(dir.getFileName() + "-" + name + ".log");
    }

    private String output(String name) throws Exception {
        Path p = logOf(name);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    /** Whether a segment file in {@code spoolDir} holds {@code text}. */
    private static boolean spooled(Path spoolDir, String text) throws Exception {
        if (!Files.isDirectory(spoolDir)) {
            return false;
        }
        try (var files = Files.list(spoolDir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".seg")).collect(Collectors.toList())) {
                if (new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void awaitReady(String name) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> output(name).contains("READY"));
    }

    private void stop(Process p, String name) throws Exception {
        Files.createFile(dir.resolve(name + ".stop"));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output(name)).isTrue();
        assertThat(p.exitValue()).as(output(name)).isZero();
    }

    @Test
    void aProcessKilledDuringAnOutageDeliversEverythingItHadSpooledAfterTheRestart(KafkaBroker broker)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("spool-crash");
        broker.createTopic(topic, 3);

        Process first = child(SpoolTest.unreachable(), topic, "crash", "entry", ENTRIES, "first");
        awaitReady("first");
        // A crash loses what was not yet assembled; wait until the last entry is in a segment (values are plain
        // JSON there), so that the kill is sure to find all 500 spooled.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> spooled(dir.resolve("spool").resolve("crash"), "entry " + (ENTRIES - 1) + "\""));
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(output("first")).doesNotContain("REFUSED");

        Process second = child(broker.bootstrapServers(), topic, "crash", "late", 0, "second");
        List<String> expected = IntStream.range(0, ENTRIES).mapToObj(i -> "entry " + i).collect(Collectors.toList());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Shipped.texts(broker, topic).size() >= ENTRIES);
        stop(second, "second");

        // Nothing was acknowledged before the kill, so nothing can come twice: exactly the 500, in order.
        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(expected);
        assertThat(broker.readAll(topic)).allSatisfy(r -> assertThat(r.key()).isEqualTo("crash_log"));
    }

    @Test
    void aProcessKilledAfterItsMessagesWereAcknowledgedSendsNothingTwice(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("spool-acked");
        broker.createTopic(topic, 1);
        Process first = child(broker.bootstrapServers(), topic, "acked", "entry", ENTRIES, "first");
        awaitReady("first");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Shipped.texts(broker, topic).size() >= ENTRIES);
        // The acknowledgements are written to the spool at the next flush after they arrive (milliseconds).
        Thread.sleep(500);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process second = child(broker.bootstrapServers(), topic, "acked", "late", 1, "second");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Shipped.texts(broker, topic).contains("late 0"));
        stop(second, "second");

        List<String> expected = IntStream.range(0, ENTRIES).mapToObj(i -> "entry " + i).collect(Collectors.toList());
        expected.add("late 0");
        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(expected);
        assertThat(Shipped.entries(broker, topic).toString()).doesNotContain("spooled by an earlier run");
    }

    @Test
    void aSecondProcessOnTheSameSpoolDirectoryShipsWithoutItAndSaysSo(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("spool-two");
        broker.createTopic(topic, 1);
        Process holder = child(broker.bootstrapServers(), topic, "shared", "a", 20, "holder");
        awaitReady("holder");
        Process other = child(broker.bootstrapServers(), topic, "shared", "b", 20, "other");
        awaitReady("other");
        stop(other, "other");
        stop(holder, "holder");

        assertThat(output("other")).contains("is in use by another process or shipper (spool.lock is locked);"
                + " shipping without the spool");
        assertThat(output("holder")).doesNotContain("in use");
        List<String> texts = Shipped.texts(broker, topic);
        assertThat(texts.stream().filter(t -> t.startsWith("a ")).collect(Collectors.toList()))
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "a " + i).collect(Collectors.toList()));
        assertThat(texts.stream().filter(t -> t.startsWith("b ")).collect(Collectors.toList()))
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "b " + i).collect(Collectors.toList()));
    }
}
