package io.logshipper.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Header;

import io.logshipper.LogShipperConfig;
import io.logshipper.ProducerFactory;
import io.logshipper.WireFormat;
import io.logshipper.config.FrontDoor;
import io.logshipper.config.SettingException;
import io.logshipper.config.Settings;
import io.logshipper.internal.spool.Spool;
import io.logshipper.internal.spool.SpoolRecord;

/**
 * A shipper's hold on Kafka: leases the producer from the {@link ProducerPool}, creates the topic if asked to,
 * sends messages, keeps a message the producer did not take for the next attempt, tracks messages in flight and
 * lets go of the producer within the close deadline. Used only on the shipper's thread, except for the
 * {@link SendOutcome} callbacks.
 */
final class ProducerSession implements SendOutcome {

    private static final Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(5);
    private static final long IN_FLIGHT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** The shortest time between two new producers after authentication failures (each costs a login). */
    private static final long RENEW_NANOS = TimeUnit.SECONDS.toNanos(5);

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
    /** The record headers of every message; made on the shipper's thread when the producer is first set up. */
    private List<Header> headers;
    private boolean topicReady;
    private EncodedMessage pending;
    /** Set when Kafka refused the credentials; from the producer's I/O thread too. */
    private volatile boolean authenticationFailed;
    private long renewedAt = System.nanoTime() - RENEW_NANOS;
    /** Where messages wait for their acknowledgement when the disk spool is on; see {@link #useSpool}. */
    private Spool spool = Spool.OFF;
    private String spoolLimits = "";

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

    /** Whether a message the producer did not take waits to be sent again (or the spool has work). */
    boolean hasPending() {
        return spool.isOn() ? spool.hasWork() || pending != null : pending != null;
    }

    /**
     * Sends every message through {@code spool} from now on: {@link #send} appends to it, {@link #resend} hands
     * Kafka what it holds, oldest first, and a message leaves it only once acknowledged (or refused for good).
     */
    void useSpool(Spool spool) {
        this.spool = spool;
        this.spoolLimits = "(full: " + Settings.SPOOL_MAX_BYTES.iniKey() + "="
                + config.get(Settings.SPOOL_MAX_BYTES) + ")";
    }

    /** Whether messages go through the disk spool. */
    boolean spooled() {
        return spool.isOn();
    }

    /** The shipper is closing; see {@link Spool#closing()}. */
    void spoolClosing() {
        spool.closing();
    }

    /** Records acknowledgements in the spool and passes on what it has to say in-band. */
    void maintainSpool() {
        spool.maintain();
        spool.takeNotices(counters::notice);
    }

    /**
     * Creates the producer and the topic where that has not succeeded yet.
     *
     * @return whether messages can be sent now; on false the problem has been reported and the caller backs off
     */
    boolean open() {
        if (headers == null) {
            headers = LogHeaders.forLogs(config.headers());
        }
        if (lease != null && authenticationFailed && System.nanoTime() - renewedAt >= RENEW_NANOS) {
            // Kafka's idempotent producer stays failed after an authentication error even once the credentials
            // are fixed (a user created, a password changed, a new token): only a new producer logs in again.
            authenticationFailed = false;
            renewedAt = System.nanoTime();
            ProducerPool.Lease failed = lease;
            lease = null;
            try {
                failed.discard(Duration.ZERO);
            } catch (RuntimeException e) {
                // Closing a failed producer may throw; the new one is what matters.
            }
        }
        if (lease == null) {
            try {
                config.checkProducerSettings();
            } catch (SettingException e) {
                health.trouble(e);
                problems.report(e.wordedFor(FrontDoor.BUILDER));
                return false;
            }
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
        if (spool.isOn()) {
            return sendSpooled() && pending == null;
        }
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
        if (spool.isOn()) {
            return spool(message);
        }
        return hand(message, null);
    }

    /**
     * Writes a message to the spool. One that does not fit is kept, like a message Kafka did not take, and the
     * assembling stops: the entries behind it stay buffered, and what the buffer then refuses is counted as the
     * spool's drops, in the same in-band notice as a full buffer's.
     */
    private boolean spool(EncodedMessage message) {
        long seq = spool.append(System.currentTimeMillis(), message.value(), message.userEntries());
        if (seq == Spool.FULL) {
            keep(message);
            counters.spoolFull(true, spoolLimits);
            return false;
        }
        counters.spoolFull(false, spoolLimits);
        if (seq == Spool.WRITE_FAILED) {
            counters.droppedSpoolFull(message.userEntries(), "(writing to it failed)");
        }
        message.taken();
        return true;
    }

    /**
     * With the spool: writes the message kept because the spool was full, if it fits now.
     *
     * @return whether nothing is kept any more, so that assembling may go on
     */
    boolean spoolKept() {
        if (pending == null) {
            return true;
        }
        EncodedMessage kept = pending;
        pending = null;
        buffer.release(kept.heapBytes());
        return spool(kept);
    }

    /**
     * Hands Kafka what the spool holds, oldest first, as far as the window of messages in flight allows.
     *
     * @return false when the producer did not take one (it is given again first) or failed ones wait out the back-off
     */
    private boolean sendSpooled() {
        if (spool.waitsToRetry()) {
            return false;
        }
        SpoolRecord r;
        while ((r = spool.nextToSend()) != null) {
            if (!hand(EncodedMessage.spooled(r.seq(), r.value(), r.userEntries()), r.timestampMillis())) {
                spool.notTaken(r.seq());
                return false;
            }
        }
        return true;
    }

    /** Hands one message to the producer, with its original timestamp when it comes from the spool. */
    private boolean hand(EncodedMessage message, Long timestamp) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.topic(), null, timestamp, key,
                message.value(), headers);
        SendAttempt attempt = new SendAttempt(message, this);
        counters.ages().outstanding(message);
        try {
            lease.producer().send(record, attempt);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            return notTaken(message);
        } catch (KafkaException | IllegalStateException e) {
            if (Problems.isInterruption(e)) {
                // Interrupted at the close deadline, wrapped: not refused, only not sent (counted as undelivered).
                Thread.currentThread().interrupt();
                return notTaken(message);
            }
            // Refused for good (authentication or authorization failed, record too large...): counted, and said.
            noteAuthenticationFailure(e);
            counters.sent();
            counters.failed(message.userEntries(), Problems.describe(e));
            counters.ages().failed(message);
            health.trouble(e);
            listeners.failed(message.userEntries(), e);
            problems.report("Kafka refused a message: " + Problems.describe(e));
            if (message.spoolSeq() >= 0) {
                spool.completed(message.spoolSeq(), true);
            }
            return true;
        }
        if (!attempt.handedOff()) {
            return notTaken(message);
        }
        message.taken();
        return true;
    }

    /** A message the producer did not take: a spooled one stays in the spool, any other is kept. */
    private boolean notTaken(EncodedMessage message) {
        if (message.spoolSeq() < 0) {
            keep(message);
        }
        return false;
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

    private void noteAuthenticationFailure(Throwable e) {
        if (Problems.isAuthenticationFailure(e)) {
            authenticationFailed = true;
        }
    }

    @Override
    public void notTaken(Exception e) {
        noteAuthenticationFailure(e);
        health.trouble(e);
        problems.report("Kafka did not take a message (will retry): " + Problems.describe(e));
    }

    @Override
    public void completed(EncodedMessage message, Exception exception) {
        if (exception != null) {
            noteAuthenticationFailure(exception);
        }
        if (message.spoolSeq() >= 0) {
            completedSpooled(message, exception);
        } else if (exception == null) {
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

    /**
     * A spooled message is done once acknowledged, or refused for what it is (too large, a timestamp the broker
     * does not accept): sending it again cannot help. Any other failure keeps it in the spool to be sent again;
     * entries from an earlier run were counted there, so they are not counted as delivered here.
     */
    private void completedSpooled(EncodedMessage message, Exception exception) {
        long seq = message.spoolSeq();
        if (exception == null) {
            long latency = System.nanoTime() - message.assembledNanos();
            if (!spool.fromEarlierRun(seq)) {
                counters.delivered(message.userEntries());
            }
            counters.ages().acknowledged(message, latency);
            health.acknowledged();
            listeners.sent(message.userEntries(), message.bytes(), latency);
            spool.completed(seq, true);
        } else if (refusesTheRecord(exception)) {
            counters.failed(message.userEntries(), Problems.describe(exception));
            health.trouble(exception);
            listeners.failed(message.userEntries(), exception);
            counters.ages().failed(message);
            problems.report("Kafka refused a spooled message for good: " + Problems.describe(exception));
            spool.completed(seq, true);
        } else {
            health.trouble(exception);
            problems.report("Kafka could not deliver a message; it stays in the spool and is sent again: "
                    + Problems.describe(exception));
            spool.completed(seq, false);
        }
    }

    private static boolean refusesTheRecord(Exception e) {
        return e instanceof org.apache.kafka.common.errors.RecordTooLargeException
                || e instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                || e instanceof org.apache.kafka.common.errors.InvalidTimestampException
                || e instanceof org.apache.kafka.common.InvalidRecordException;
    }
}
