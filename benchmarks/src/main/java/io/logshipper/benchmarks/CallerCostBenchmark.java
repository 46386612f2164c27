package io.logshipper.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 1: what one {@code log.info("app entry {}", i)} costs the calling thread with a live broker. Sample
 * mode gives the mean and the percentiles in one trial. The broker is a real single-node KRaft broker in its own
 * process on this machine (started by run.sh: {@code -Dbench.bootstrap=host:port}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallerCostBenchmark {

    @Param({"disabled", "logbackAsync", "log4j2AsyncLogger", "logshipperCore", "logshipperLogback",
            "logshipperLog4j2", "log4j2KafkaAsync", "log4j2KafkaSync"})
    public String impl;

    private Target target;

    /** Per-thread entry counter, so the argument differs on every call as in a real program. */
    @State(Scope.Thread)
    public static class Counter {
        long i;
    }

    @Setup(Level.Trial)
    public void setUp() {
        String bootstrap = System.getProperty("bench.bootstrap", "127.0.0.1:9092");
        target = Targets.create(impl, bootstrap, "caller-" + impl + "-" + System.currentTimeMillis(), 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        String stats = target.stats();
        target.close();
        if (!stats.isEmpty()) {
            System.out.println("[bench] " + impl + " " + stats);
        }
    }

    @Benchmark
    public void log(Counter c) {
        target.log(c.i++);
    }
}
