package io.logshipper.benchmarks.shared;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Starts {@code io.logshipper.benchmarks.BrokerMain} from the main benchmarks uber-jar in a child JVM (also for
 * the DW module, whose classpath cannot hold Kafka 4's broker); {@link #kill()} makes it vanish as a crashed
 * broker does.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final String bootstrap;

    private BrokerProcess(Process process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    /** Starts a broker from {@code jar} (the benchmarks uber-jar) and waits until it accepts clients. */
    public static BrokerProcess start(String jar) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-Xmx768m", "-XX:+UseParallelGC",
                "-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider", "-cp", jar,
                "io.logshipper.benchmarks.BrokerMain"))
                .redirectError(ProcessBuilder.Redirect.to(new File(System.getProperty("java.io.tmpdir"),
                        "bench-broker.err")))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("BOOTSTRAP ")) {
                return new BrokerProcess(p, line.substring("BOOTSTRAP ".length()).trim());
            }
        }
        throw new IllegalStateException("the broker process ended before it was ready; see bench-broker.err");
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Kills the broker at once (no controlled shutdown). */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        kill();
    }
}
