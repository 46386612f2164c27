package io.logshipper.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the last record of every partition, without a consumer group, to tell which topics hold logshipper
 * messages and from which programs.
 */
final class TopicSampler {

    private final Map<String, Object> settings;

    /** @param consumerSettings connection and security settings; group and commit settings are replaced */
    TopicSampler(Map<String, Object> consumerSettings) {
        this.settings = new HashMap<>(consumerSettings);
        // Sampling uses assign(), which needs no group; a group id would only leave traces on the broker.
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    }

    /**
     * Program ids seen in the last record of each partition, per topic; topics without a logshipper message in
     * those records are absent. Partitions whose last offset holds no record (a transaction marker, compacted
     * away) simply give no sample.
     */
    Map<String, List<String>> programsByTopic(Collection<TopicDescription> topics, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
        Map<String, Set<String>> found = new HashMap<>();
        if (partitions.isEmpty()) {
            return Map.of();
        }
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Set<TopicPartition> waiting = new HashSet<>();
            for (TopicPartition tp : partitions) {
                if (end.get(tp) > begin.get(tp)) {
                    waiting.add(tp);
                }
            }
            consumer.assign(waiting);
            waiting.forEach(tp -> consumer.seek(tp, end.get(tp) - 1));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (!waiting.remove(tp)) {
                        continue;
                    }
                    Envelope e = Envelope.of(r.key(), r.value());
                    if (e.isLogshipper() && e.hasLogKey()) {
                        found.computeIfAbsent(r.topic(), k -> new TreeSet<>()).add(e.program());
                    }
                }
                // A partition whose position passed the end without a record has nothing to show.
                waiting.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
        Map<String, List<String>> out = new HashMap<>();
        found.forEach((topic, programs) -> out.put(topic, List.copyOf(programs)));
        return out;
    }
}
