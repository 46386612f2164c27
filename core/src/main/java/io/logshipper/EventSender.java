package io.logshipper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.kafka.common.header.Header;

import io.logshipper.internal.ShipperThreads;
import io.logshipper.internal.Durations;
import io.logshipper.internal.EventCounters;
import io.logshipper.internal.EventCounters.Drop;
import io.logshipper.internal.EventCounters.TopicTally;
import io.logshipper.internal.EventPump;
import io.logshipper.internal.EventQueue;
import io.logshipper.internal.JsonValues;
import io.logshipper.internal.Problems;
import io.logshipper.internal.QueuedEvent;
import io.logshipper.internal.ShipperThread;

/**
 * Sends an application's own events to Kafka, each as its own record with exactly the key, value and headers given
 * (not wrapped in the log envelope), with the discipline of log entries: {@code send} hands the event to a bounded
 * buffer and returns at once, whether or not Kafka is reachable; a full buffer refuses events and counts them per
 * topic; the producer is created and called only on the sender's own thread, and it is the same producer a
 * {@link LogShipper} with equal Kafka settings uses.
 *
 * <pre>{@code
 * EventSender events = LogShipper.builder().bootstrapServers("kafka:9092").buildEventSender();
 * events.sendJson("orders", orderId, Map.of("id", orderId, "total", 42.5));
 * events.send("audit", user, "{\"action\":\"login\"}");
 * events.close(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Get one from {@link LogShipperBuilder#buildEventSender()} (the settings schema as for a shipper; the topic
 * setting is not needed) or from a running shipper, {@link LogShipper#events()}, which also says the sender's drops
 * in its own log messages and closes it with itself. The caps are {@code maxBufferedEntries} events and
 * {@code maxBufferedBytes} bytes; an event larger than {@code maxMessageBytes} is refused. Events of one thread keep
 * their order per partition (the producer's idempotence, on by default, keeps it across retries). Safe for use by
 * any number of threads.
 *
 * <p>Nothing here throws at the caller but {@link IllegalArgumentException} for a topic name Kafka would refuse (a
 * programming error) or a null event. A value to be written as JSON is written on the calling thread, so that what
 * is sent is the value as it was at the call.
 */
public final class EventSender implements AutoCloseable {

    private final LogShipperConfig config;
    private final String id;
    private final EventQueue queue;
    private final EventCounters counters;
    private final EventPump pump;
    private final Thread thread;
    private final int maxMessageBytes;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread shutdownHook;

    /** @param notices where drop notices go (a shipper's log), or null for standard error */
    EventSender(LogShipperConfig config, Clock clock, ProducerFactory producerFactory, Consumer<String> notices) {
        this.config = config;
        this.id = config.programId().orElseGet(() -> Integer.toHexString(System.identityHashCode(this)));
        this.queue = new EventQueue(config.maxBufferedEntries(), config.maxBufferedBytes());
        this.counters = new EventCounters(clock);
        this.maxMessageBytes = config.maxMessageBytes();
        this.pump = new EventPump(id, config, producerFactory, queue, counters, clock, notices);
        this.thread = new ShipperThread(pump, "logshipper-events-" + id);
    }

    /** Starts the sender's thread; with {@code hook}, a JVM shutdown hook closes it (a shipper's own closes with it). */
    EventSender start(boolean hook) {
        thread.start();
        if (hook) {
            Thread h = new Thread(this::close, "logshipper-close-events-" + id);
            try {
                Runtime.getRuntime().addShutdownHook(h);
                shutdownHook = h;
            } catch (IllegalStateException e) {
                // Started while the JVM is shutting down: nothing left to hook into.
            }
        }
        return this;
    }

    /**
     * Sends a text value (UTF-8), as it is: already JSON, or plain text.
     *
     * @param key the key (UTF-8), or null
     * @return false when the event was dropped (buffer full, closed, too large); drops are counted
     * @throws IllegalArgumentException when {@code topic} is not a valid Kafka topic name
     */
    public boolean send(String topic, String key, String value) {
        return send(Event.of(topic, key, value));
    }

    /**
     * Sends these bytes as the value, exactly (they are copied before this returns).
     *
     * @return false when the event was dropped; drops are counted
     * @throws IllegalArgumentException when {@code topic} is not a valid Kafka topic name
     */
    public boolean send(String topic, String key, byte[] value) {
        return send(Event.of(topic, key, value));
    }

    /**
     * Sends {@code value} written as JSON by Jackson (see {@link Event#json}), written on this thread.
     *
     * @return false when the event was dropped (also when the value cannot be written as JSON); drops are counted
     * @throws IllegalArgumentException when {@code topic} is not a valid Kafka topic name
     */
    public boolean sendJson(String topic, String key, Object value) {
        return send(Event.json(topic, key, value));
    }

    /**
     * Sends an event with its headers.
     *
     * @return false when the event was dropped; drops are counted
     * @throws IllegalArgumentException when its topic is not a valid Kafka topic name, or it is null
     */
    public boolean send(Event event) {
        return offer(event, null) == null;
    }

    /**
     * Sends an event and tells {@code callback} what became of it, on the sender's callback thread, as Kafka's
     * {@code send(record, callback)} does. The callback is not called when this returns false.
     *
     * @return false when the event was dropped; drops are counted
     * @throws IllegalArgumentException when its topic is not a valid Kafka topic name, or it is null
     */
    public boolean send(Event event, EventCallback callback) {
        return offer(event, Objects.requireNonNullElse(callback, (d, e) -> { })) == null;
    }

    /**
     * Sends an event; the stage completes on the sender's callback thread with where the broker stored it, or
     * exceptionally with Kafka's exception. An event dropped at once gives a stage already completed exceptionally
     * with an {@link EventNotDeliveredException} saying why.
     *
     * @throws IllegalArgumentException when its topic is not a valid Kafka topic name, or it is null
     */
    public CompletionStage<EventDelivery> sendAsync(Event event) {
        CompletableFuture<EventDelivery> stage = new CompletableFuture<>();
        Drop dropped = offer(event, (delivery, failure) -> {
            if (failure == null) {
                stage.complete(delivery);
            } else {
                stage.completeExceptionally(failure);
            }
        });
        if (dropped != null) {
            stage.completeExceptionally(new EventNotDeliveredException("dropped: " + dropped.why()));
        }
        return stage;
    }

    /** @return null when accepted, else why it was dropped */
    private Drop offer(Event event, EventCallback callback) {
        if (event == null) {
            throw new IllegalArgumentException("the event must not be null");
        }
        TopicTally tally = counters.topic(event.topic());
        if (closed) {
            tally.dropped(Drop.CLOSED);
            return Drop.CLOSED;
        }
        byte[] value;
        try {
            value = valueOf(event);
        } catch (JsonValues.TooLargeException e) {
            tally.dropped(Drop.TOO_LARGE);
            return Drop.TOO_LARGE;
        } catch (Exception | StackOverflowError | LinkageError e) {
            counters.unserializable(Problems.describe(e));
            tally.dropped(Drop.UNSERIALIZABLE);
            return Drop.UNSERIALIZABLE;
        }
        byte[] key = event.key();
        List<Header> headers = event.headers();
        long size = QueuedEvent.sizeOf(key, value, headers);
        if (size - QueuedEvent.sizeOf(null, null, List.of()) > maxMessageBytes) {
            tally.dropped(Drop.TOO_LARGE);
            return Drop.TOO_LARGE;
        }
        if (!queue.offer(new QueuedEvent(tally, event.topic(), key, value, headers, callback, (int) size))) {
            tally.dropped(Drop.BUFFER_FULL);
            return Drop.BUFFER_FULL;
        }
        tally.accepted();
        pump.wake();
        return null;
    }

    private byte[] valueOf(Event event) throws Exception {
        Object v = event.value();
        return switch (event.kind()) {
            case TEXT -> v == null ? null : ((String) v).getBytes(StandardCharsets.UTF_8);
            case BYTES -> v == null ? null : ((byte[]) v).clone();
            case JSON -> JsonValues.write(v, maxMessageBytes);
        };
    }

    /** Counters since the sender was built, in total and per topic; still valid, and final, after close. */
    public EventStats stats() {
        return counters.snapshot();
    }

    /**
     * Whether events are reaching Kafka, as {@link LogShipper#health()} says it for logs: STARTING until the first
     * acknowledgement or problem, then CONNECTED, DEGRADED or FAILED by what Kafka said last, STOPPED once closed.
     */
    public ShipperHealth health() {
        return pump.health().snapshot();
    }

    /** The settings it runs with. */
    public LogShipperConfig config() {
        return config;
    }

    /** Whether {@link #close} has been called. */
    public boolean isClosed() {
        return closing.get();
    }

    /** Closes within the configured close timeout (default 10 s). */
    @Override
    public void close() {
        close(config.closeTimeout());
    }

    /**
     * Sends what is buffered, waits for the broker's acknowledgements and the callbacks, then lets go of the
     * producer (closing it when nothing else shares it), all within {@code budget}, even with the broker down.
     * Idempotent. Events sent after this call are dropped. Events not sent by then are said on standard error (or in
     * the shipper's log) and their callbacks hear an {@link EventNotDeliveredException}.
     *
     * @return how many accepted events were not delivered
     */
    public long close(Duration budget) {
        long budgetNanos = Durations.saturatedNanos(budget);
        long deadline = System.nanoTime() + budgetNanos;
        if (closing.compareAndSet(false, true)) {
            closed = true;
            ShipperThreads.removeShutdownHook(shutdownHook);
            long margin = Math.min(TimeUnit.MILLISECONDS.toNanos(200), budgetNanos / 5);
            pump.requestClose(deadline - margin);
            if (Thread.currentThread() != thread) {
                ShipperThreads.joinUntil(thread, deadline - margin);
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            }
        }
        if (Thread.currentThread() != thread) {
            ShipperThreads.joinUntil(thread, deadline);
        }
        pump.health().stopped();
        return stats().undelivered();
    }

    @Override
    public String toString() {
        return "EventSender[" + id + " -> " + config.get(io.logshipper.config.Settings.BOOTSTRAP_SERVERS) + "]";
    }
}
