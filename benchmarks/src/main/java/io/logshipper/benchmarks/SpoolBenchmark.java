package io.logshipper.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.logshipper.LogShipper;
import io.logshipper.config.Settings;

/**
 * The disk spool's cost (issue 14), in one run: off, and on with each sync policy (every message, every 100 ms,
 * never). {@link #log} is what one {@code shipper.log} costs the calling thread (sample mode: mean and
 * percentiles); {@link #deliver} is delivered entries per second: 50,000 entries (more than one full message, so
 * sending starts before the interval ends) logged as fast as the buffer takes them, then waited for until the
 * broker acknowledged all of them (throughput mode, one operation per entry). Both use a 100 ms interval so that
 * delivery is not paced by the default minute. The broker is a real single-node KRaft broker in its own process
 * ({@code -Dbench.bootstrap=host:port}, see {@link BrokerMain}); the spool lives in a fresh temporary directory
 * per trial ({@code -Dbench.spoolRoot} to choose the file system).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpoolBenchmark {

    private static final int BATCH = 50_000;

    /** {@code off}, or the spool's {@code spoolFsyncIntervalMs}: 0 (every message), 100, -1 (never). */
    @Param({"off", "0", "100", "-1"})
    public String spool;

    private LogShipper shipper;
    private Path dir;
    private long logged;
    private long refused;

    /** Per-thread entry counter, so the argument differs on every call as in a real program. */
    @State(Scope.Thread)
    public static class Counter {
        long i;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String bootstrap = System.getProperty("bench.bootstrap", "127.0.0.1:9092");
        var b = LogShipper.builder().bootstrapServers(bootstrap)
                .topic("spool-" + spool.replace('-', 'm') + "-" + System.currentTimeMillis())
                .programId("bench").interval(Duration.ofMillis(100)).sendWhenIdle(false);
        if (!spool.equals("off")) {
            String root = System.getProperty("bench.spoolRoot");
            dir = root == null ? Files.createTempDirectory("logshipper-spool-bench")
                    : Files.createTempDirectory(Path.of(root), "logshipper-spool-bench");
            b.set(Settings.SPOOL_DIR, dir.toString()).set(Settings.SPOOL_FSYNC_INTERVAL_MS, Long.parseLong(spool))
                    .set(Settings.SPOOL_MAX_BYTES, 1024L * 1024 * 1024);
        }
        shipper = b.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        long undelivered = shipper.close(Duration.ofSeconds(30));
        System.out.println("[bench] spool=" + spool + " " + shipper.stats() + " undelivered=" + undelivered
                + " refusedInDeliver=" + refused);
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean log(Counter c) {
        return shipper.log("app entry " + c.i++);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public long deliver() {
        long target = shipper.stats().delivered() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            while (!shipper.log("app entry " + logged)) {
                refused++;
                Thread.onSpinWait();
            }
            logged++;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long delivered;
        while ((delivered = shipper.stats().delivered()) < target && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        return delivered;
    }
}
