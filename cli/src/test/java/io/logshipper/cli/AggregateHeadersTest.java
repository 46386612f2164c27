package io.logshipper.cli;

import static io.logshipper.cli.Cli.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * {@code aggregate --header NAME=VALUE} writes only messages with that Kafka header (the others are counted as
 * filtered and committed), and {@code --headers} shows a message's headers as {@code tail} does.
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class AggregateHeadersTest {

    private static final String TS = "1795600800.123";

    @TempDir
    Path dir;

    /** Sends each value with its headers (name, value, name, value...) to partition 0, acknowledged. */
    private static void produce(KafkaBroker broker, String topic, List<String> values, String... headers)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                RecordHeaders h = new RecordHeaders();
                for (int i = 0; i < headers.length; i += 2) {
                    h.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
                }
                producer.send(new ProducerRecord<>(topic, 0, "svc_log", value, h)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void headerFilterWritesOnlyMatchingMessagesCountsAndCommitsTheOthers(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("agg-headers");
        String group = KafkaBroker.uniqueTopic("g");
        broker.createTopic(topic, 1);
        produce(broker, topic, List.of(Cli.envelope(TS, q("no headers"))));
        produce(broker, topic, List.of(Cli.envelope(TS, q("from web-2"))), "host", "web-2");
        produce(broker, topic, List.of(Cli.envelope(TS, q("from web-1"), q("web-1 again"))), "host", "web-1",
                "content-type", "application/json");
        produce(broker, topic, List.of(Cli.envelope(TS, q("web-2 later"))), "host", "web-2");
        produce(broker, topic, List.of(Cli.envelope(TS, q("web-1 last"))), "host", "web-1");

        try (Aggregator agg = Aggregator.start(dir, "headers", "--bootstrap-server", broker.bootstrapServers(),
                "--topic", topic, "--from-beginning", "--group", group, "--header", "host=web-1", "--headers")) {
            // One partition: once the last record is written, every earlier one has been handled.
            await().atMost(Duration.ofSeconds(30)).until(() -> agg.out().contains("web-1 last"));
            assertThat(AggregateCommandTest.lines(agg.out())).containsExactly(
                    "[headers] host=web-1 content-type=application/json",
                    "[svc 2026-11-25T10:00:00.123Z] from web-1",
                    "[svc 2026-11-25T10:00:00.123Z] web-1 again",
                    "[headers] host=web-1",
                    "[svc 2026-11-25T10:00:00.123Z] web-1 last");
            JsonNode h = agg.health();
            assertThat(h.path("records").path("consumed").asLong()).isEqualTo(5);
            assertThat(h.path("entries").path("written").asLong()).isEqualTo(3);
            assertThat(h.path("entries").path("filtered").asLong()).isEqualTo(3);
            assertThat(agg.stop()).isZero();
        }
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            // Filtered messages are committed too: a restart does not read them again.
            assertThat(committed.get(new TopicPartition(topic, 0)).offset()).isEqualTo(5);
        }
    }

    @Test
    void anEmptyHeaderNameIsAUsageErrorInTailsWords(KafkaBroker broker) {
        Cli.Result r = Cli.run("aggregate", "--bootstrap-server", broker.bootstrapServers(), "--topic", "t",
                "--no-http", "--header", "=x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--header: expected NAME=VALUE or NAME, not '=x'");
    }
}
