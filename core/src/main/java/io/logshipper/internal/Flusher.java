package io.logshipper.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

import io.logshipper.LogEntry;
import io.logshipper.LogShipperConfig;
import io.logshipper.ProducerFactory;
import io.logshipper.WireFormat;

/**
 * The shipper's thread: one message per interval on a fixed, drift-free schedule, an early message whenever a
 * full one is buffered, and a final flush on close. The only code that touches the Kafka producer.
 */
public final class Flusher implements Runnable {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(5);

    private final LogShipperConfig config;
    private final String programId;
    private final byte[] key;
    private final EntryBuffer buffer;
    private final ShipperCounters counters;
    private final Clock clock;
    private final ProducerFactory producerFactory;
    private final BatchEncoder encoder;
    private final ProblemReporter problems;
    private final long intervalNanos;
    private final AtomicLong inFlight = new AtomicLong();

    private volatile Thread thread;
    private volatile boolean wakeRequested;
    private volatile long closeDeadline;
    private volatile boolean closeRequested;

    private ProducerPool.Lease lease;
    private boolean topicReady;
    private EncodedMessage pending;
    private long retryAt;
    private long unrenderable;
    private String lastRenderProblem;

    /** A flusher for one shipper; it does nothing until {@link #run()} starts on the shipper's thread. */
    public Flusher(LogShipperConfig config, String programId, EntryBuffer buffer, ShipperCounters counters,
                   Clock clock, ProducerFactory producerFactory) {
        this.config = config;
        this.programId = programId;
        this.key = WireFormat.key(programId).getBytes(StandardCharsets.UTF_8);
        this.buffer = buffer;
        this.counters = counters;
        this.clock = clock;
        this.producerFactory = producerFactory;
        this.encoder = new BatchEncoder(config.entryFormat(), config.maxMessageBytes());
        this.problems = new ProblemReporter(programId);
        this.intervalNanos = config.interval().toNanos();
        this.topicReady = config.createTopicPartitions() == 0;
        this.retryAt = System.nanoTime();
    }

    /** Asks for an early send because a full message is buffered. Cheap enough for the logging thread. */
    public void wake() {
        if (!wakeRequested) {
            wakeRequested = true;
            LockSupport.unpark(thread);
        }
    }

    /** Asks the thread to flush everything and let go of the producer by {@code deadlineNanos}. */
    public void requestClose(long deadlineNanos) {
        closeDeadline = deadlineNanos;
        closeRequested = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long next = System.nanoTime();
        try {
            while (!closeRequested) {
                long now = System.nanoTime();
                if (now - next >= 0) {
                    flush(true);
                    while (System.nanoTime() - next >= 0) {
                        next += intervalNanos;
                    }
                } else if (sendEarly() && now - retryAt >= 0) {
                    flush(false);
                } else {
                    wakeRequested = false;
                    boolean early = sendEarly();
                    if (!closeRequested && !(early && now - retryAt >= 0)) {
                        // Something waiting out a failed attempt is retried as soon as the back-off ends.
                        long until = early && retryAt - next < 0 ? retryAt : next;
                        LockSupport.parkNanos(this, until - now);
                    }
                }
            }
            finish();
        } catch (RuntimeException | Error e) {
            problems.report("the shipper's thread stopped: " + Problems.describe(e));
            throw e;
        } finally {
            releaseProducer();
        }
    }

    /**
     * Whether to send before the interval ends: a full message is buffered, a message Kafka did not take waits,
     * or entries wait for a producer (or topic) that could not be set up yet.
     */
    private boolean sendEarly() {
        return pending != null || buffer.wantsFlush() || (lease == null || !topicReady) && buffer.size() > 0;
    }

    private void finish() {
        retryAt = System.nanoTime();
        boolean ok = flush(true);
        while (ok && buffer.size() > 0 && System.nanoTime() - closeDeadline < 0 && !Thread.currentThread().isInterrupted()) {
            ok = flush(false);
        }
        while (inFlight.get() > 0 && System.nanoTime() - closeDeadline < 0) {
            LockSupport.parkNanos(this, Math.min(TimeUnit.MILLISECONDS.toNanos(5), closeDeadline - System.nanoTime()));
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
    }

    private void releaseProducer() {
        Thread.interrupted();
        if (lease != null) {
            long remaining = Math.max(0, closeDeadline - System.nanoTime());
            lease.release(closeRequested ? Duration.ofNanos(remaining) : Duration.ZERO);
            lease = null;
        }
    }

    /**
     * Sends what is buffered now. A periodic flush sends a message even when nothing was logged, if configured.
     *
     * @return false when sending had to stop (no producer yet, broker not answering); entries stay buffered
     */
    private boolean flush(boolean periodic) {
        if (!ready()) {
            return false;
        }
        if (pending != null) {
            EncodedMessage retry = pending;
            pending = null;
            buffer.release(retry.heapBytes());
            if (!send(retry)) {
                return false;
            }
        }
        Instant timestamp = clock.instant();
        EncodedMessage message = encoder.begin(timestamp);
        addNotices(message);
        boolean sentAny = false;
        for (int budget = buffer.size(); budget > 0; budget--) {
            Object entry = buffer.peek();
            if (entry == null) {
                break;
            }
            try {
                encoder.encode(entry);
            } catch (RuntimeException e) {
                // An entry that cannot be encoded must not stop the entries behind it; it is counted as dropped.
                buffer.poll();
                buffer.dropReportedElsewhere();
                unrenderable++;
                lastRenderProblem = Problems.describe(e);
                continue;
            }
            if (!message.fits(encoder.length())) {
                if (!send(message)) {
                    return false;
                }
                sentAny = true;
                message = encoder.begin(timestamp);
            }
            message.add(encoder.bytes(), encoder.length(), true);
            buffer.poll();
        }
        if (message.entries() > 0 || periodic && !sentAny && config.sendWhenIdle()) {
            return send(message);
        }
        return true;
    }

    private void addNotices(EncodedMessage message) {
        long[] drops = buffer.takeDrops();
        if (drops != null) {
            addNotice(message, "logshipper: dropped " + drops[0] + " log entries since "
                    + Instant.ofEpochMilli(drops[1]) + " because the buffer was full (max.buffered.entries="
                    + config.maxBufferedEntries() + ", max.buffered.bytes=" + config.maxBufferedBytes() + ")");
        }
        if (unrenderable > 0) {
            addNotice(message, "logshipper: dropped " + unrenderable + " log entries that could not be"
                    + " rendered; last error: " + lastRenderProblem);
            unrenderable = 0;
        }
        String failures = counters.takeFailureReport(millis -> Instant.ofEpochMilli(millis).toString());
        if (failures != null) {
            addNotice(message, failures);
        }
    }

    private void addNotice(EncodedMessage message, String text) {
        LogEntry notice = LogEntry.builder().time(clock.instant()).level("WARN").logger("io.logshipper")
                .thread(Thread.currentThread().getName()).message(text).build();
        encoder.encode(notice);
        message.add(encoder.bytes(), encoder.length(), false);
    }

    private boolean ready() {
        long now = System.nanoTime();
        if (lease == null || !topicReady) {
            if (now - retryAt < 0 && !closeRequested) {
                return false;
            }
        }
        if (lease == null) {
            try {
                lease = ProducerPool.SHARED.acquire(config.effectiveProducerConfig(), producerFactory);
            } catch (RuntimeException e) {
                retryAt = now + RETRY_NANOS;
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
                retryAt = System.nanoTime() + RETRY_NANOS;
                problems.report("could not create topic " + config.topic() + ": " + Problems.describe(e));
                return false;
            }
        }
        return true;
    }

    private boolean send(EncodedMessage message) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.topic(), null, key, message.value());
        SendAttempt attempt = new SendAttempt(message, this);
        try {
            lease.producer().send(record, attempt);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            keep(message);
            return false;
        } catch (KafkaException | IllegalStateException e) {
            counters.sent();
            counters.failed(message.userEntries(), Problems.describe(e), clock.millis());
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
        encoder.shrink();
    }

    void inFlight(EncodedMessage message) {
        inFlight.incrementAndGet();
        counters.sent();
    }

    void notTaken(Exception e) {
        retryAt = System.nanoTime() + RETRY_NANOS;
        problems.report("Kafka did not take a message (will retry): " + Problems.describe(e));
    }

    /** Runs on the producer's I/O thread (or the shipper's, for early completions). */
    void completed(EncodedMessage message, Exception exception) {
        if (exception == null) {
            counters.delivered(message.userEntries());
        } else {
            counters.failed(message.userEntries(), Problems.describe(exception), clock.millis());
        }
        inFlight.decrementAndGet();
    }

    /** The program id messages are keyed with. */
    public String programId() {
        return programId;
    }
}
