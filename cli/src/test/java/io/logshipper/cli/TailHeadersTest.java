package io.logshipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** {@code tail --headers} shows a message's Kafka headers; {@code --header NAME=VALUE} keeps only matching ones. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class TailHeadersTest {

    private static final String TS = "1795600800.123";

    private static void produce(KafkaBroker broker, String topic, String key, String value, String... headers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            RecordHeaders h = new RecordHeaders();
            for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1] == null ? null : headers[i + 1].getBytes(StandardCharsets.UTF_8));
            }
            producer.send(new ProducerRecord<>(topic, 0, key, value, h)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(String out) {
        return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    @Test
    void headerFilterKeepsOnlyMatchingMessagesAndHeadersShowsThem(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("tail-headers");
        broker.createTopic(topic, 1);
        // Those that must be skipped first: --max-messages ends each run at the last one wanted.
        produce(broker, topic, "svc_log", Cli.envelope(TS, Cli.q("no headers")));
        produce(broker, topic, "svc_log", Cli.envelope(TS, Cli.q("from web-2")), "host", "web-2", "content-type",
                "application/json");
        produce(broker, topic, "svc_log", Cli.envelope(TS, Cli.q("from web-1")), "host", "web-1", "content-type",
                "application/json");

        Cli.Result one = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--header", "host=web-1", "--headers", "--max-messages", "1");
        assertThat(lines(one.out())).containsExactly(
                "[headers] host=web-1 content-type=application/json",
                "[svc 2026-11-25T10:00:00.123Z] from web-1");

        Cli.Result either = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--header", "host=web-1", "--header", "host=web-2", "--format", "json",
                "--headers", "--max-messages", "2");
        assertThat(lines(either.out())).hasSize(4);
        assertThat(lines(either.out()).get(0)).isEqualTo(
                "{\"headers\":{\"host\":\"web-2\",\"content-type\":\"application/json\"}}");

        Cli.Result present = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--header", "content-type", "--max-messages", "2");
        assertThat(lines(present.out())).containsExactly("[svc 2026-11-25T10:00:00.123Z] from web-2",
                "[svc 2026-11-25T10:00:00.123Z] from web-1");
    }

    @Test
    void aShippersDefaultHeadersAreShown(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("tail-shipper-headers");
        broker.createTopic(topic, 1);
        io.logshipper.LogShipper shipper = io.logshipper.LogShipper.builder()
                .bootstrapServers(broker.bootstrapServers()).topic(topic).programId("hdr")
                .headers(java.util.Map.of("host", "replica-7")).interval(Duration.ofMillis(100))
                .sendWhenIdle(false).shutdownHook(false).build();
        shipper.log("shipped with headers");
        assertThat(shipper.close(Duration.ofSeconds(10))).isZero();

        Cli.Result r = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--header", "host=replica-7", "--headers", "--max-messages", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(lines(r.out()).get(0)).isEqualTo("[headers] host=replica-7 content-type=application/json");
        assertThat(lines(r.out()).get(1)).endsWith("] shipped with headers");
    }

    @Test
    void anEmptyHeaderNameIsAUsageError() {
        Cli.Result r = Cli.run("tail", "--bootstrap-server", "127.0.0.1:1", "--topic", "t", "--header", "=x",
                "--timeout-secs", "1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--header: expected NAME=VALUE or NAME, not '=x'");
    }
}
