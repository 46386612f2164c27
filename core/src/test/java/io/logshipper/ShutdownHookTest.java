package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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

@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class ShutdownHookTest {

    private static final int ENTRIES = 50_000;

    @TempDir
    Path dir;

    @Test
    void aProgramThatExitsWithoutClosingStillShipsEveryEntry(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("exit-hook");
        broker.createTopic(topic, 1);

        assertThat(runChild(broker, topic, "hook")).isZero();

        List<String> expected = IntStream.range(0, ENTRIES).mapToObj(i -> "entry " + i).collect(Collectors.toList());
        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(expected);
    }

    @Test
    void withoutTheHookTheBufferIsLostAtExit(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("exit-no-hook");
        broker.createTopic(topic, 1);

        assertThat(runChild(broker, topic, "no-hook")).isZero();

        // The child returned from main right after its last entry: no producer gets all of them out by then.
        assertThat(Shipped.texts(broker, topic)).hasSizeLessThan(ENTRIES);
    }

    /** Runs {@link ExitWithoutClose} in a child JVM on this JVM's class path; returns its exit status. */
    private int runChild(KafkaBroker broker, String topic, String hook) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File output = dir.resolve("child-" + hook + ".log").toFile();
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ExitWithoutClose.class.getName(), broker.bootstrapServers(), topic, String.valueOf(ENTRIES), hook))
                .redirectErrorStream(true).redirectOutput(output).start();
        if (!child.waitFor(90, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not exit in 90 s:\n" + Files.readString(output.toPath()));
        }
        int status = child.exitValue();
        if (status != 0) {
            System.err.println(Files.readString(output.toPath()));
        }
        return status;
    }
}
