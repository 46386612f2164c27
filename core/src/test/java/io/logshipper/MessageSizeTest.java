package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.config.Settings;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class MessageSizeTest {

    @Test
    void splitsALargeBatchIntoSeveralMessagesUnderTheLimitInOrder(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("size-split");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("split").interval(Duration.ofHours(1)).sendWhenIdle(false).maxMessageBytes(2048).build();
        List<String> expected = IntStream.range(0, 100).mapToObj(i -> i + ":" + "\u00e9\"\n".repeat(30))
                .collect(Collectors.toList());
        expected.forEach(shipper::log);
        shipper.close(Duration.ofSeconds(20));

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records.size()).isGreaterThan(5);
        assertThat(records).allSatisfy(r -> assertThat(r.rawValue().length).isLessThanOrEqualTo(2048));
        assertThat(records).extracting(ShippedRecord::key).containsOnly("split_log");
        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(expected);
    }

    @Test
    void truncatesASingleOversizedEntryWithAVisibleMarker(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("size-truncate");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("trunc").interval(Duration.ofHours(1)).sendWhenIdle(false).maxMessageBytes(2048).build();
        String huge = "start " + "\uD83D\uDE00".repeat(5_000);
        shipper.log(huge);
        shipper.log(LogEntry.builder().message("m".repeat(5_000)).exception("e".repeat(5_000)).build());
        shipper.log("after");
        shipper.close(Duration.ofSeconds(20));

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).allSatisfy(r -> assertThat(r.value().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(2048));
        List<String> texts = Shipped.texts(broker, topic);
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0)).startsWith("start \uD83D\uDE00").contains("[truncated by logshipper: ")
                .endsWith("of 10006 characters kept]");
        assertThat(texts.get(1)).contains("[truncated by logshipper: ");
        assertThat(texts.get(2)).isEqualTo("after");
    }

    @Test
    void cutsEveryOversizedFieldOfAJsonEntrySoEachArrivesAsOneValidMessage(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("size-fields");
        int max = Math.toIntExact(Settings.MAX_MESSAGE_BYTES.defaultValue());
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("fields").entryFormat(EntryFormat.JSON).interval(Duration.ofHours(1))
                .sendWhenIdle(false).maxBufferedBytes(256L * 1024 * 1024).build();
        Map<String, String> manyMdc = new LinkedHashMap<>();
        IntStream.range(0, 10_000).forEach(i -> manyMdc.put("key-" + i, "v".repeat(150)));
        String trace = "java.lang.IllegalStateException: boom\n" + "\tat a.B.c(B.java:1)\n".repeat(100_000);
        List<LogEntry> entries = List.of(
                small().thread("t".repeat(1_020_000)).build(),
                small().logger("l".repeat(1_500_000)).build(),
                small().level("L".repeat(1_500_000)).build(),
                small().mdc(Map.of("user", "alice", "big", "m".repeat(1_000_000))).build(),
                small().mdc(manyMdc).build(),
                small().markers(List.of("AUDIT", "k".repeat(1_000_000))).build(),
                small().exception(trace).build(),
                LogEntry.builder().level("W".repeat(1_000_000)).logger("g".repeat(1_000_000))
                        .thread("t".repeat(1_000_000)).message("x".repeat(1_000_000)).exception(trace)
                        .mdc(manyMdc).markers(List.of("k".repeat(1_000_000))).build());
        entries.forEach(shipper::log);
        shipper.log(small().message("after").build());
        shipper.close(Duration.ofSeconds(30));

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).hasSize(entries.size() + 1);
        assertThat(records).allSatisfy(r -> assertThat(r.rawValue().length).isLessThanOrEqualTo(max));
        List<JsonNode> shipped = Shipped.entries(broker, topic);
        assertThat(shipped).hasSize(entries.size() + 1);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(shipped.get(i).isObject()).isTrue();
            assertThat(shipped.get(i).toString()).as("entry " + i).contains("[truncated by logshipper: ");
        }
        assertThat(shipped.get(0).get("message").asText()).isEqualTo("hello");
        assertThat(shipped.get(3).get("mdc").get("user").asText()).isEqualTo("alice");
        assertThat(shipped.get(5).get("markers").get(0).asText()).isEqualTo("AUDIT");
        assertThat(shipped.get(6).get("exception").asText()).startsWith("java.lang.IllegalStateException: boom");
        assertThat(shipped.get(entries.size()).get("message").asText()).isEqualTo("after");
    }

    private static LogEntry.Builder small() {
        return LogEntry.builder().level("INFO").logger("com.example.Service").thread("main").message("hello");
    }
}
