package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * On JDK 24+ loading native code without {@code --enable-native-access} prints a WARNING to the application's
 * stderr. The default compression (gzip) loads none; zstd (zstd-jni) does, and the documented opt-in silences
 * it. Runs child JVMs on this JDK, or on the one named by {@code -Dlogshipper.test.child.java} (CI passes a
 * JDK 25 there when it has one).
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class NativeAccessTest {

    @Test
    void theDefaultCompressionPrintsNoWarning(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String topic = KafkaBroker.uniqueTopic("native-default");
        broker.createTopic(topic, 1);
        Child child = run(dir, List.of(), broker, topic, "default");
        assertThat(child.exit()).as(child.err()).isZero();
        assertThat(child.err()).doesNotContain("WARNING");
        assertThat(Shipped.texts(broker, topic)).containsExactly("compressed with default");
    }

    @Test
    void zstdWithNativeAccessEnabledShipsAndPrintsNoWarning(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String topic = KafkaBroker.uniqueTopic("native-zstd");
        broker.createTopic(topic, 1);
        Child child = run(dir, List.of("--enable-native-access=ALL-UNNAMED"), broker, topic, "zstd");
        assertThat(child.exit()).as(child.err()).isZero();
        assertThat(child.err()).doesNotContain("WARNING");
        assertThat(Shipped.texts(broker, topic)).containsExactly("compressed with zstd");
    }

    @Test
    void zstdWithoutNativeAccessGetsTheJdkWarningFromJdk24On(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String topic = KafkaBroker.uniqueTopic("native-zstd-warn");
        broker.createTopic(topic, 1);
        Child child = run(dir, List.of(), broker, topic, "zstd");
        assertThat(child.exit()).as(child.err()).isZero();
        if (child.javaFeature() >= 24) {
            // The control: the check above would see the warning if the default loaded native code.
            assertThat(child.err()).contains("WARNING: A restricted method in java.lang.System has been called");
        } else {
            assertThat(child.err()).doesNotContain("WARNING");
        }
    }

    private record Child(int exit, String err, int javaFeature) {
    }

    private static Child run(Path dir, List<String> jvmOptions, KafkaBroker broker, String topic, String compression)
            throws Exception {
        String java = System.getProperty("logshipper.test.child.java", "");
        if (java.isBlank()) {
            java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider",
                "-cp", System.getProperty("java.class.path"), ShipOneEntry.class.getName(),
                broker.bootstrapServers(), topic, compression));
        Path err = dir.resolve("stderr.txt");
        Path out = dir.resolve("stdout.txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not end within 90 s");
        }
        String feature = Files.readString(out).replaceAll("(?s).*JAVA (\\d+).*", "$1");
        return new Child(p.exitValue(), Files.readString(err), Integer.parseInt(feature.strip()));
    }
}
