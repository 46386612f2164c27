package io.logshipper.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;

import io.logshipper.LogEntry;
import io.logshipper.LogShipperConfig;

/**
 * Turns what is buffered into messages of at most {@code maxMessageBytes}: the shipper's in-band notices first,
 * then the entries in order, each encoded once. An entry that cannot be rendered is dropped and counted, so that
 * it does not stop the entries behind it. Used only by the shipper's thread.
 */
final class BatchAssembler {

    private final EntryBuffer buffer;
    private final ShipperCounters counters;
    private final Clock clock;
    private final BatchEncoder encoder;
    private final boolean sendWhenIdle;
    /** Notices taken from the counters and not yet in a message Kafka took. */
    private final ArrayDeque<String> notices = new ArrayDeque<>();

    BatchAssembler(LogShipperConfig config, EntryBuffer buffer, ShipperCounters counters, Clock clock) {
        this.buffer = buffer;
        this.counters = counters;
        this.clock = clock;
        this.encoder = new BatchEncoder(config.entryFormat(), config.maxMessageBytes());
        this.sendWhenIdle = config.sendWhenIdle();
    }

    /**
     * Sends the entries buffered now, in as many messages as they need. A periodic call sends a message even when
     * nothing was logged, if configured so.
     *
     * @return false when the session did not take a message; the entries behind it stay buffered
     */
    boolean assemble(boolean periodic, ProducerSession session) {
        Instant timestamp = clock.instant();
        long startNanos = System.nanoTime();
        long since = counters.ages().bufferedSince();
        counters.takeNotices(notices::add);
        EncodedMessage message = encoder.begin(timestamp).entriesSince(since);
        boolean sentAny = false;
        while (!notices.isEmpty()) {
            encodeNotice(notices.peek());
            if (!message.fits(encoder.length())) {
                // Notices normally fit the first message together; when they do not, they take two. What is not
                // yet in a message Kafka took stays in the queue for the next attempt.
                if (!session.send(message)) {
                    return false;
                }
                sentAny = true;
                message = encoder.begin(timestamp).entriesSince(since);
            }
            message.add(encoder.bytes(), encoder.length(), false);
            notices.poll();
        }
        for (int budget = buffer.size(); budget > 0; budget--) {
            Object entry = buffer.peek();
            if (entry == null) {
                break;
            }
            try {
                encoder.encode(entry);
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                // A layout or toString() that throws, recurses without end or misses a class costs this entry only.
                buffer.poll();
                counters.droppedUnrenderable(Problems.describe(e));
                continue;
            }
            if (!message.fits(encoder.length())) {
                if (!session.send(message)) {
                    return false;
                }
                sentAny = true;
                message = encoder.begin(timestamp).entriesSince(since);
            }
            message.add(encoder.bytes(), encoder.length(), true);
            buffer.poll();
        }
        // Every entry buffered at the start is in a message now: what is still buffered came later.
        counters.ages().drained(startNanos);
        if (message.entries() > 0 || periodic && !sentAny && sendWhenIdle) {
            return session.send(message);
        }
        return true;
    }

    /** Lets go of buffers grown for large messages, while a message waits to be sent again. */
    void shrink() {
        encoder.shrink();
    }

    private void encodeNotice(String text) {
        LogEntry notice = LogEntry.builder().time(clock.instant()).level("WARN").logger("io.logshipper")
                .thread(Thread.currentThread().getName()).message(text).build();
        encoder.encode(notice);
    }
}
