package io.logshipper.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka consumer behind {@code tail}, with manual commits: only offsets of messages actually handled are
 * committed, so {@code --max-messages N} with {@code --group} resumes exactly after the N-th message.
 */
final class TailConsumer {

    /** Prefix of the group used when none is named; such groups never commit. */
    static final String THROWAWAY_GROUP_PREFIX = "logshipper-tail-";

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final boolean commits;
    private final PrintWriter err;
    private final String command;
    private final Hooks hooks;
    private final Duration commitTimeout;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private final Set<String> warnedTopics = new HashSet<>();

    /**
     * @param settings Kafka consumer settings; deserializers are always byte arrays
     * @param commits  whether handled offsets are committed to the group
     */
    TailConsumer(Map<String, Object> settings, boolean commits, PrintWriter err) {
        this(settings, commits, err, "tail", Hooks.NONE, null);
    }

    /**
     * @param command       the command name for warnings ({@code logshipper <command>: warning: ...})
     * @param hooks         told of rebalances, and asked before each commit whether what was handled is durable
     * @param commitTimeout how long a commit may take, or null for the client's {@code default.api.timeout.ms}
     */
    TailConsumer(Map<String, Object> settings, boolean commits, PrintWriter err, String command, Hooks hooks,
                 Duration commitTimeout) {
        this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.commits = commits;
        this.err = err;
        this.command = command;
        this.hooks = hooks;
        this.commitTimeout = commitTimeout;
    }

    /**
     * What a command that forwards entries elsewhere (aggregate) must be asked around commits and rebalances.
     * Called on the polling thread.
     */
    interface Hooks {
        /** No forwarding: every handled record may be committed. */
        Hooks NONE = new Hooks() {
        };

        /**
         * Makes what was handled since the last commit durable (sinks flushed).
         *
         * @return false to hold the commit back: the offsets stay pending and are tried again next time
         */
        default boolean beforeCommit() {
            return true;
        }

        /** Partitions now owned by this consumer. */
        default void assigned(Collection<TopicPartition> partitions) {
        }

        /** Partitions no longer owned by this consumer (revoked or lost). */
        default void revoked(Collection<TopicPartition> partitions) {
        }
    }

    /**
     * Fetches cluster metadata once, so an unreachable broker is reported instead of polled silently forever.
     *
     * @return false when no broker answered within {@code timeout}
     * @throws KafkaException when a broker answered but refused (authentication, TLS)
     */
    boolean reachable(Duration timeout) {
        try {
            consumer.listTopics(timeout);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Subscribes to fixed topics, warning about those that do not exist (yet). */
    void subscribe(List<String> topics) {
        try {
            Map<String, ?> existing = consumer.listTopics(Duration.ofSeconds(5));
            for (String topic : topics) {
                if (!existing.containsKey(topic) && warnedTopics.add(topic)) {
                    err.println("logshipper tail: topic " + topic + " does not exist (yet); waiting for it");
                }
            }
        } catch (TimeoutException e) {
            // Only a courtesy check: polling will keep retrying the broker.
        }
        consumer.subscribe(topics, new CommitOnRevoke());
    }

    /** Subscribes to every topic matching the pattern, now or later. */
    void subscribe(Pattern pattern) {
        consumer.subscribe(pattern, new CommitOnRevoke());
    }

    ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    /** Marks a record as done: its offset is committed on the next {@link #commit()}. */
    void handled(ConsumerRecord<?, ?> record) {
        pending.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
    }

    /**
     * Commits the offsets of handled records when a group was named, after {@link Hooks#beforeCommit()} agreed;
     * a failed commit is a warning, not fatal.
     *
     * @return whether the offsets were committed (true also when there was nothing to commit)
     */
    boolean commit() {
        if (!commits || pending.isEmpty()) {
            pending.clear();
            return true;
        }
        if (!hooks.beforeCommit()) {
            return false;
        }
        boolean done = false;
        try {
            if (commitTimeout == null) {
                consumer.commitSync(pending);
            } else {
                consumer.commitSync(pending, commitTimeout);
            }
            done = true;
        } catch (CommitFailedException | RebalanceInProgressException | TimeoutException e) {
            err.println("logshipper " + command + ": warning: could not commit offsets (" + e.getMessage()
                    + "); a restart may show some messages again");
            err.flush();
        }
        pending.clear();
        return done;
    }

    /** Whether records were handled since the last commit. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The partitions assigned now. */
    Set<TopicPartition> assignment() {
        return consumer.assignment();
    }

    /** The lag from the last fetch's high watermark, without a network round trip; empty when not known. */
    java.util.OptionalLong currentLag(TopicPartition partition) {
        return consumer.currentLag(partition);
    }

    /** Makes a blocked {@link #poll} throw {@code WakeupException}; safe from any thread. */
    void wakeup() {
        consumer.wakeup();
    }

    void close() {
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (KafkaException e) {
            // Closing after a failure may fail again; nothing is left to save.
        }
    }

    /** Commits before partitions move elsewhere, so the next owner does not repeat what was printed. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit();
            // Offsets of partitions that were not made durable must not be committed by their next owner's run.
            partitions.forEach(pending::remove);
            hooks.revoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            hooks.assigned(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(pending::remove);
            hooks.revoked(partitions);
        }
    }
}
