package io.logshipper.micrometer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.logshipper.LogShipper;
import io.logshipper.ShipperGauges;
import io.logshipper.ShipperHealth;
import io.logshipper.ShipperStats;

/**
 * Binds one log shipper's counters, gauges and health to a Micrometer {@link MeterRegistry}, every meter tagged
 * {@code program=<programId>}; {@link #close()} removes them again (HikariCP's rule: a binder that is closed leaves
 * no meters behind). The meters read the shipper when the registry asks, so binding costs the logging thread
 * nothing.
 *
 * <pre>{@code
 * LogShipperMetrics metrics = LogShipperMetrics.of(shipper);
 * metrics.bindTo(registry);
 * ...
 * metrics.close();
 * }</pre>
 *
 * <p>For an appender, whose shipper is replaced when the logging framework restarts it, bind the appender's own
 * accessors: {@code new LogShipperMetrics("my-service", appender::stats, appender::gauges, appender::health)}.
 *
 * <p>Meters: {@code logshipper.entries.accepted}, {@code logshipper.entries.dropped} (tag {@code reason}:
 * {@code buffer_full}, {@code closed}, {@code unrenderable}), {@code logshipper.entries.delivered},
 * {@code logshipper.entries.failed}, {@code logshipper.messages.sent}, {@code logshipper.messages.failed},
 * {@code logshipper.listener.failures} (function counters); {@code logshipper.buffer.entries},
 * {@code logshipper.buffer.bytes}, {@code logshipper.oldest.undelivered.age} (gauges);
 * {@code logshipper.delivery.latency} (a function timer); {@code logshipper.state} (a gauge per state, tag
 * {@code state}, 1 for the current state and 0 for the others).
 */
public final class LogShipperMetrics implements MeterBinder, AutoCloseable {

    private final Supplier<ShipperStats> stats;
    private final Supplier<ShipperGauges> gauges;
    private final Supplier<ShipperHealth> health;
    private final Tags tags;
    private final List<Meter> meters = new ArrayList<>();
    private MeterRegistry registry;

    /**
     * A binder reading any source of stats, gauges and health, such as an appender's accessors.
     *
     * @param program the value of the {@code program} tag, normally the program id
     * @param extra   more tags for every meter
     */
    public LogShipperMetrics(String program, Supplier<ShipperStats> stats, Supplier<ShipperGauges> gauges,
                             Supplier<ShipperHealth> health, Tag... extra) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.gauges = Objects.requireNonNull(gauges, "gauges");
        this.health = Objects.requireNonNull(health, "health");
        this.tags = Tags.of("program", Objects.requireNonNull(program, "program")).and(extra);
    }

    /** A binder for {@code shipper}, tagged with its program id. */
    public static LogShipperMetrics of(LogShipper shipper, Tag... extra) {
        return new LogShipperMetrics(shipper.programId(), shipper::stats, shipper::gauges, shipper::health, extra);
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (this.registry != null) {
            throw new IllegalStateException("already bound; close() first to bind to another registry");
        }
        this.registry = registry;
        counter("logshipper.entries.accepted", "entries taken into the buffer", ShipperStats::accepted, Tags.empty());
        counter("logshipper.entries.dropped", "entries refused because the buffer was full",
                ShipperStats::droppedBufferFull, Tags.of("reason", "buffer_full"));
        counter("logshipper.entries.dropped", "entries refused because the shipper was closed",
                ShipperStats::droppedClosed, Tags.of("reason", "closed"));
        counter("logshipper.entries.dropped", "entries that could not be rendered",
                ShipperStats::droppedUnrenderable, Tags.of("reason", "unrenderable"));
        counter("logshipper.entries.delivered", "entries the broker acknowledged", ShipperStats::delivered,
                Tags.empty());
        counter("logshipper.entries.failed", "entries in messages the producer gave up on", ShipperStats::failed,
                Tags.empty());
        counter("logshipper.messages.sent", "messages handed to the producer", ShipperStats::messagesSent,
                Tags.empty());
        counter("logshipper.messages.failed", "messages the producer gave up on", ShipperStats::messagesFailed,
                Tags.empty());
        counter("logshipper.listener.failures", "calls to a ShipperListener that threw",
                ShipperStats::listenerFailures, Tags.empty());
        gauge("logshipper.buffer.entries", "entries waiting in the buffer", null,
                g -> g.bufferedEntries());
        gauge("logshipper.buffer.bytes", "what waits counts against maxBufferedBytes", BaseUnits.BYTES,
                g -> g.bufferedBytes());
        meters.add(TimeGauge.builder("logshipper.oldest.undelivered.age", gauges,
                        TimeUnit.NANOSECONDS, s -> s.get().oldestUndeliveredAge().toNanos())
                .description("upper bound on the age of the oldest entry not yet delivered").tags(tags)
                .register(registry));
        meters.add(FunctionTimer.builder("logshipper.delivery.latency", gauges,
                        s -> s.get().acknowledgedMessages(), s -> s.get().deliveryLatencyTotal().toNanos(),
                        TimeUnit.NANOSECONDS)
                .description("from the start of a message's assembly to the broker's acknowledgement")
                .tags(tags).register(registry));
        for (ShipperHealth.State state : ShipperHealth.State.values()) {
            meters.add(Gauge.builder("logshipper.state", health, h -> h.get().state() == state ? 1 : 0)
                    .description("1 for the shipper's current health state").tags(tags)
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    private void counter(String name, String description, ToDoubleFunction<ShipperStats> read, Tags more) {
        // No base unit: Prometheus would append it to the name (logshipper_entries_delivered_objects_total).
        meters.add(FunctionCounter.builder(name, stats, s -> read.applyAsDouble(s.get())).description(description)
                .tags(tags.and(more)).register(registry));
    }

    private void gauge(String name, String description, String unit, ToDoubleFunction<ShipperGauges> read) {
        meters.add(Gauge.builder(name, gauges, s -> read.applyAsDouble(s.get())).description(description)
                .baseUnit(unit).tags(tags).register(registry));
    }

    /** Removes every meter this binder registered; the binder may then be bound again. Idempotent. */
    @Override
    public synchronized void close() {
        if (registry != null) {
            meters.forEach(registry::remove);
            meters.clear();
            registry = null;
        }
    }
}
