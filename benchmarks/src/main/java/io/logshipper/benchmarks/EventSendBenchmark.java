package io.logshipper.benchmarks;

import java.time.Duration;
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

import io.logshipper.EventSender;
import io.logshipper.LogShipper;

/**
 * What one {@code EventSender.send(topic, key, value)} costs the calling thread: with a live broker
 * ({@code -Dbench.bootstrap=host:port}, as run.sh starts it) and with none at all ({@code unreachable}: every event
 * past the cap is dropped and counted, the case where a raw {@code KafkaProducer.send} blocks for
 * {@code max.block.ms}). Sample mode gives the mean and the percentiles in one trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventSendBenchmark {

    @Param({"broker", "unreachable"})
    public String kafka;

    private EventSender events;
    private String topic;

    /** Per-thread counter, so that keys and values differ on every call. */
    @State(Scope.Thread)
    public static class Counter {
        long i;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String bootstrap = kafka.equals("broker") ? System.getProperty("bench.bootstrap", "127.0.0.1:9092")
                : "127.0.0.1:1";
        topic = "events-bench-" + System.currentTimeMillis();
        if (kafka.equals("broker")) {
            // The bench broker does not create topics; an event for a missing topic waits for it.
            Scenarios.createTopic(bootstrap, topic);
        }
        events = LogShipper.builder().bootstrapServers(bootstrap).programId("bench-" + kafka)
                .maxBufferedEntries(100_000).shutdownHook(false).buildEventSender();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long undelivered = events.close(Duration.ofSeconds(5));
        System.out.println("[bench] events " + kafka + " undelivered=" + undelivered + " " + events.stats());
    }

    @Benchmark
    public boolean send(Counter c) {
        long i = c.i++;
        return events.send(topic, "key-" + (i & 15), "{\"n\":" + i + "}");
    }
}
