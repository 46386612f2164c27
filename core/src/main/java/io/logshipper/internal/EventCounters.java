package io.logshipper.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import io.logshipper.EventStats;
import io.logshipper.config.Kinds;

/**
 * Everything an event sender counts, in total and per topic, and the notices made from the drops. Sending threads
 * count acceptances and drops, the producer's I/O thread deliveries and failures. Topics are checked by Kafka's rules
 * the first time they are seen; at most {@value #MAX_TOPICS} are counted apart, so that a program sending to ever new
 * topics cannot grow the counters without bound.
 */
public final class EventCounters {

    static final int MAX_TOPICS = 1000;

    /** Why an event was dropped; the order of the counts in a {@link TopicTally}. */
    public enum Drop {
        BUFFER_FULL("the event buffer was full"),
        CLOSED("the sender was closed"),
        TOO_LARGE("it was larger than max.message.bytes"),
        UNSERIALIZABLE("its value could not be written as JSON");

        final String why;

        Drop(String why) {
            this.why = why;
        }

        /** Why, as a notice says it. */
        public String why() {
            return why;
        }
    }

    private final Clock clock;
    private final Map<String, TopicTally> topics = new ConcurrentHashMap<>();
    private final TopicTally other = new TopicTally(EventStats.OTHER_TOPICS);
    private final LongAdder callbackFailures = new LongAdder();
    private volatile String lastUnserializable;

    public EventCounters(Clock clock) {
        this.clock = clock;
    }

    /**
     * The counts of this topic, checking its name the first time.
     *
     * @throws IllegalArgumentException when the name breaks Kafka's rules for topic names
     */
    public TopicTally topic(String name) {
        TopicTally t = topics.get(name == null ? "" : name);
        if (t != null) {
            return t;
        }
        try {
            Topic.validate(name == null ? "" : name);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("invalid Kafka topic name " + Kinds.quoted(name) + ": must be 1 to 249"
                    + " of the characters a-z, A-Z, 0-9, '.', '_' and '-', and not '.' or '..'");
        }
        if (topics.size() >= MAX_TOPICS) {
            return other;
        }
        return topics.computeIfAbsent(name, TopicTally::new);
    }

    /** A callback or a stage's completion threw. */
    void callbackFailed() {
        callbackFailures.increment();
    }

    /** Why the last value that could not be written as JSON could not. */
    public void unserializable(String problem) {
        lastUnserializable = problem;
    }

    /** Whether drops happened since the last {@link #takeNotices}. */
    boolean hasNotices() {
        for (TopicTally t : topics.values()) {
            if (t.dropsSinceReport.get() > 0) {
                return true;
            }
        }
        return other.dropsSinceReport.get() > 0;
    }

    /**
     * Hands {@code notice} one sentence per topic that had drops since the last call (at most ten topics by name,
     * the rest summed), and starts counting afresh.
     */
    void takeNotices(Consumer<String> notice) {
        int named = 0;
        long moreEvents = 0;
        int moreTopics = 0;
        Map<String, TopicTally> all = new LinkedHashMap<>(topics);
        all.put(other.name, other);
        for (TopicTally t : all.values()) {
            long n = t.dropsSinceReport.get();
            if (n == 0) {
                continue;
            }
            long since = t.firstDropMillis.getAndSet(0);
            n = t.dropsSinceReport.getAndSet(0);
            StringBuilder why = new StringBuilder();
            for (Drop d : Drop.values()) {
                long k = t.sinceReport.getAndSet(d.ordinal(), 0);
                if (k > 0) {
                    why.append(why.length() == 0 ? "" : "; ").append(k).append(" because ").append(d.why);
                    if (d == Drop.UNSERIALIZABLE && lastUnserializable != null) {
                        why.append(" (last error: ").append(lastUnserializable).append(')');
                    }
                }
            }
            if (named++ < 10) {
                notice.accept("logshipper: dropped " + n + " events for topic " + t.name + " since "
                        + Instant.ofEpochMilli(since == 0 ? clock.millis() : since) + ": " + why);
            } else {
                moreEvents += n;
                moreTopics++;
            }
        }
        if (moreTopics > 0) {
            notice.accept("logshipper: dropped " + moreEvents + " events for " + moreTopics + " more topics");
        }
    }

    /** The counts now. */
    public EventStats snapshot() {
        long accepted = 0;
        long delivered = 0;
        long failed = 0;
        long[] drops = new long[Drop.values().length];
        Map<String, EventStats.Topic> byTopic = new LinkedHashMap<>();
        Map<String, TopicTally> all = new LinkedHashMap<>(topics);
        all.put(other.name, other);
        for (TopicTally t : all.values()) {
            long dropped = 0;
            for (Drop d : Drop.values()) {
                long k = t.total.get(d.ordinal());
                drops[d.ordinal()] += k;
                dropped += k;
            }
            long a = t.accepted.sum();
            long ok = t.delivered.get();
            long bad = t.failed.get();
            accepted += a;
            delivered += ok;
            failed += bad;
            if (t != other || a + dropped > 0) {
                byTopic.put(t.name, new EventStats.Topic(a, dropped, ok, bad));
            }
        }
        long dropped = 0;
        for (long d : drops) {
            dropped += d;
        }
        return new EventStats(accepted, dropped, delivered, failed, drops[Drop.BUFFER_FULL.ordinal()],
                drops[Drop.CLOSED.ordinal()], drops[Drop.TOO_LARGE.ordinal()], drops[Drop.UNSERIALIZABLE.ordinal()],
                callbackFailures.sum(), byTopic);
    }

    /** One topic's counts. */
    public final class TopicTally {
        final String name;
        final LongAdder accepted = new LongAdder();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLongArray total = new AtomicLongArray(Drop.values().length);
        final AtomicLongArray sinceReport = new AtomicLongArray(Drop.values().length);
        final AtomicLong dropsSinceReport = new AtomicLong();
        final AtomicLong firstDropMillis = new AtomicLong();

        TopicTally(String name) {
            this.name = name;
        }

        /** An event was taken into the buffer. */
        public void accepted() {
            accepted.increment();
        }

        /** An event was refused. Always returns false, for the caller to return. */
        public boolean dropped(Drop why) {
            total.incrementAndGet(why.ordinal());
            sinceReport.incrementAndGet(why.ordinal());
            if (dropsSinceReport.getAndIncrement() == 0) {
                firstDropMillis.compareAndSet(0, clock.millis());
            }
            return false;
        }

        void delivered() {
            delivered.incrementAndGet();
        }

        void failed() {
            failed.incrementAndGet();
        }
    }
}
