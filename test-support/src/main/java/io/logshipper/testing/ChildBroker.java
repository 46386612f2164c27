package io.logshipper.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * The in-process KRaft broker, but in a JVM of its own, for test runs whose class path holds another
 * kafka-clients than the broker's 4.3.1 (the compatibility profiles: a 3.x client cannot share a JVM with the
 * test kit). The child's class path comes from a file that test-support writes at build time
 * ({@code target/broker.classpath}); it prints {@code BOOTSTRAP host:port} and runs until its standard input
 * ends, so it also ends when the test JVM dies.
 */
public final class ChildBroker {

    static final String PROP_CLASSPATH_FILE = "logshipper.test.broker.classpath";

    private ChildBroker() {
    }

    /** Runs in the child JVM. */
    public static void main(String[] args) throws Exception {
        KafkaClusterTestKit cluster = EmbeddedKraftBroker.startCluster();
        System.out.println("BOOTSTRAP " + cluster.bootstrapServers());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // runs until the parent closes our standard input or dies
        }
        cluster.close();
        System.exit(0);
    }

    /** Starts the child JVM and waits until its broker accepts clients. */
    static RunningBroker start() {
        String file = System.getProperty(PROP_CLASSPATH_FILE);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException(BrokerSource.PROP_KIND + "=process needs -D" + PROP_CLASSPATH_FILE
                    + "=<file holding the broker's class path> (test-support writes target/broker.classpath)");
        }
        long started = System.nanoTime();
        try {
            String own = Path.of(ChildBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            String classPath = own + File.pathSeparator
                    + Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            String java = ProcessHandle.current().info().command().orElse("java");
            File err = File.createTempFile("logshipper-child-broker", ".err");
            Process process = new ProcessBuilder(List.of(java, "-Xmx768m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", classPath, ChildBroker.class.getName()))
                    .redirectError(err)
                    .start();
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("BOOTSTRAP ")) {
                    String bootstrap = line.substring("BOOTSTRAP ".length()).trim();
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    System.err.println("[logshipper-test] KRaft broker in child process " + process.pid() + " up at "
                            + bootstrap + " in " + millis + " ms; this JVM's kafka-clients is "
                            + KafkaClientsVersion.get());
                    return new RunningBroker(new KafkaBroker(bootstrap, "KRaft broker in a child JVM"),
                            () -> stop(process));
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("the child broker JVM ended before it was ready; its stderr is in " + err);
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("could not start the child broker JVM from " + file, e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        try (OutputStream in = process.getOutputStream()) {
            in.flush();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
