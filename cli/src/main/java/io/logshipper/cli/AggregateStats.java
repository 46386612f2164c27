package io.logshipper.cli;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.logshipper.internal.Problems;

/**
 * Everything {@code /healthcheck} and {@code /metrics} report, in atomics: the polling thread writes, the HTTP
 * threads read, and nobody waits for anybody, so health answers even while the poll loop is stuck.
 */
final class AggregateStats {

    /** Lifecycle as {@code /healthcheck} reports it. */
    enum Phase { STARTING, RUNNING, STOPPING }

    final long startedNanos = System.nanoTime();
    final AtomicReference<Phase> phase = new AtomicReference<>(Phase.STARTING);
    final AtomicLong consumed = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong filtered = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong commitsHeldBack = new AtomicLong();
    /** When the poll loop last came back from {@code poll}, in {@link System#nanoTime()}. */
    final AtomicLong lastPollNanos = new AtomicLong(System.nanoTime());
    /** When the last record arrived, in nanoTime; 0 before the first. */
    final AtomicLong lastRecordNanos = new AtomicLong();
    /** When a broker last answered the probe, in nanoTime. */
    final AtomicLong lastBrokerOkNanos = new AtomicLong(System.nanoTime());
    /** Consumed records per topic. */
    final Map<String, AtomicLong> consumedByTopic = new ConcurrentHashMap<>();
    /** Lag per assigned partition, as of the last fetch (-1 while not known). */
    final Map<org.apache.kafka.common.TopicPartition, Long> lag = new ConcurrentHashMap<>();
    /** Per sink, in the order given. */
    final Map<String, SinkStats> sinks = new java.util.LinkedHashMap<>();

    /** One sink's counters. */
    static final class SinkStats {
        final String name;
        final String detail;
        final AtomicLong written = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        /** When the sink last failed, in nanoTime; 0 if never. */
        final AtomicLong lastErrorNanos = new AtomicLong();
        final AtomicReference<String> lastError = new AtomicReference<>();

        SinkStats(String name, String detail) {
            this.name = name;
            this.detail = detail;
        }

        void failed(Throwable t) {
            errors.incrementAndGet();
            lastErrorNanos.set(System.nanoTime());
            lastError.set(Problems.describe(t));
        }
    }

    double uptimeSeconds() {
        return secondsSince(startedNanos);
    }

    static double secondsSince(long nanos) {
        return Math.round((System.nanoTime() - nanos) / 1e6) / 1000.0;
    }

    void consumedFrom(String topic) {
        consumed.incrementAndGet();
        lastRecordNanos.set(System.nanoTime());
        consumedByTopic.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
    }

    long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).filter(l -> l > 0).sum();
    }

    long maxLag() {
        return lag.values().stream().mapToLong(Long::longValue).filter(l -> l > 0).max().orElse(0);
    }
}
