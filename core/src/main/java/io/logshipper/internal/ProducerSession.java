package io.logshipper.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

import io.logshipper.LogShipperConfig;
import io.logshipper.ProducerFactory;
import io.logshipper.WireFormat;

/**
 * A shipper's hold on Kafka: leases the producer from the {@link ProducerPool}, creates the topic if asked to,
 * sends messages, keeps a message the producer did not take for the next attempt, tracks messages in flight and
 * lets go of the producer within the close deadline. Used only on the shipper's thread, except for the
 * {@link SendOutcome} callbacks.
 */
final class ProducerSession implements SendOutcome {

    private static final Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(5);
    private static final long IN_FLIGHT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final LogShipperConfig config;
    private final byte[] key;
    private final ProducerFactory producerFactory;
    private final EntryBuffer buffer;
    private final ShipperCounters counters;
    private final ProblemReporter problems;
    private final HealthTracker health;
    private final Listeners listeners;
    private final AtomicLong inFlight = new AtomicLong();

    private ProducerPool.Lease lease;
    private boolean topicReady;
    private EncodedMessage pending;

    /**
     * @param buffer the message waiting to be sent again is counted against its cap
     */
    ProducerSession(LogShipperConfig config, String programId, ProducerFactory producerFactory, EntryBuffer buffer,
                    ShipperCounters counters, ProblemReporter problems, HealthTracker health, Listeners listeners) {
        this.health = health;
        this.listeners = listeners;
        this.config = config;
        this.key = WireFormat.key(programId).getBytes(StandardCharsets.UTF_8);
        this.producerFactory = producerFactory;
        this.buffer = buffer;
        this.counters = counters;
        this.problems = problems;
        this.topicReady = config.createTopicPartitions() == 0;
    }

    /** Whether the producer exists and the topic is ready, so that messages can be sent. */
    boolean isOpen() {
        return lease != null && topicReady;
    }

    /** Whether a message the producer did not take waits to be sent again. */
    boolean hasPending() {
        return pending != null;
    }

    /**
     * Creates the producer and the topic where that has not succeeded yet.
     *
     * @return whether messages can be sent now; on false the problem has been reported and the caller backs off
     */
    boolean open() {
        if (lease == null) {
            try {
                lease = ProducerPool.SHARED.acquire(config.effectiveProducerConfig(), producerFactory);
            } catch (RuntimeException e) {
                health.trouble(e);
                problems.report("could not create the Kafka producer: " + Problems.describe(e));
                return false;
            }
        }
        if (!topicReady) {
            try {
                TopicCreator.ensure(config.effectiveProducerConfig(), config.topic(),
                        config.createTopicPartitions(), config.createTopicReplicationFactor(), TOPIC_CREATION_TIMEOUT);
                topicReady = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                health.trouble(e);
                problems.report("could not create topic " + config.topic() + ": " + Problems.describe(e));
                return false;
            }
        }
        return true;
    }

    /**
     * Sends the message the producer did not take last time, if any.
     *
     * @return false when it was not taken again (it is kept)
     */
    boolean resend() {
        if (pending == null) {
            return true;
        }
        EncodedMessage retry = pending;
        pending = null;
        buffer.release(retry.heapBytes());
        return send(retry);
    }

    /**
     * Hands a message to the producer. Only call when {@link #isOpen()}.
     *
     * @return false when the producer did not take it: it is kept for {@link #resend()} and sending should stop
     */
    boolean send(EncodedMessage message) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.topic(), null, key, message.value());
        SendAttempt attempt = new SendAttempt(message, this);
        counters.ages().outstanding(message);
        try {
            lease.producer().send(record, attempt);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            keep(message);
            return false;
        } catch (KafkaException | IllegalStateException e) {
            if (Problems.isInterruption(e)) {
                // Interrupted at the close deadline, wrapped: not refused, only not sent (counted as undelivered).
                Thread.currentThread().interrupt();
                keep(message);
                return false;
            }
            // Refused for good (authentication or authorization failed, record too large...): counted, and said.
            counters.sent();
            counters.failed(message.userEntries(), Problems.describe(e));
            counters.ages().failed(message);
            health.trouble(e);
            listeners.failed(message.userEntries(), e);
            problems.report("Kafka refused a message: " + Problems.describe(e));
            return true;
        }
        if (!attempt.handedOff()) {
            keep(message);
            return false;
        }
        message.taken();
        return true;
    }

    /** Keeps a message Kafka did not take for the next attempt, counted against the buffer's cap meanwhile. */
    private void keep(EncodedMessage message) {
        pending = message;
        buffer.hold(message.heapBytes());
    }

    /** Waits, in real time, until the broker answered for every message in flight or the deadline passed. */
    void awaitInFlight(long deadlineNanos) {
        while (inFlight.get() > 0 && System.nanoTime() - deadlineNanos < 0) {
            LockSupport.parkNanos(this, Math.min(IN_FLIGHT_POLL_NANOS, deadlineNanos - System.nanoTime()));
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
    }

    /**
     * Lets go of the producer, giving it until {@code timeout} to send what it still holds. Never throws: the
     * producer's close throws when {@code LogShipper.close} interrupts it at its deadline (or when it fails
     * otherwise), and by then the only thing left to do is to say so once; what was not delivered stays counted.
     */
    void release(Duration timeout) {
        if (lease != null) {
            ProducerPool.Lease held = lease;
            lease = null;
            try {
                held.release(timeout);
            } catch (RuntimeException e) {
                problems.report(Problems.isInterruption(e)
                        ? "the close deadline passed while the Kafka producer was still closing; it was stopped"
                        : "could not close the Kafka producer: " + Problems.describe(e));
            }
        }
    }

    @Override
    public void inFlight(EncodedMessage message) {
        inFlight.incrementAndGet();
        counters.sent();
    }

    @Override
    public void notTaken(Exception e) {
        health.trouble(e);
        problems.report("Kafka did not take a message (will retry): " + Problems.describe(e));
    }

    @Override
    public void completed(EncodedMessage message, Exception exception) {
        if (exception == null) {
            long latency = System.nanoTime() - message.assembledNanos();
            counters.delivered(message.userEntries());
            counters.ages().acknowledged(message, latency);
            health.acknowledged();
            listeners.sent(message.userEntries(), message.bytes(), latency);
        } else {
            counters.failed(message.userEntries(), Problems.describe(exception));
            counters.ages().failed(message);
            health.trouble(exception);
            listeners.failed(message.userEntries(), exception);
            problems.report("Kafka could not deliver a message: " + Problems.describe(exception));
        }
        inFlight.decrementAndGet();
    }
}
