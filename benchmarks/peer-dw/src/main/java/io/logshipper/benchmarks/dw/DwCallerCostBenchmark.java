package io.logshipper.benchmarks.dw;

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

/** Scenario 1 for the danielwegener appender: the same benchmark as CallerCostBenchmark, on DW's own classpath. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DwCallerCostBenchmark {

    @Param({"dw"})
    public String impl;

    private DwTarget target;

    @State(Scope.Thread)
    public static class Counter {
        long i;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        target = new DwTarget(System.getProperty("bench.bootstrap", "127.0.0.1:9092"),
                "caller-dw-" + System.currentTimeMillis());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        target.close();
    }

    @Benchmark
    public void log(Counter c) {
        target.log(c.i++);
    }
}
