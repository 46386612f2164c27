package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.nio.ByteBuffer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class WireFormatTest {

    @Test
    void messageIsKeyedByProgramIdAndHoldsTimestampAndEntries(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("wire");
        double before = System.currentTimeMillis() / 1000.0;
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("wire-test").interval(Duration.ofHours(1)).sendWhenIdle(false).build();
        shipper.log("first entry");
        shipper.log("second entry");
        assertThat(shipper.close(Duration.ofSeconds(20))).isZero();

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).hasSize(1);
        ShippedRecord r = records.get(0);
        assertThat(r.key()).isEqualTo("wire-test_log");
        JsonNode value = Shipped.parse(r.value());
        assertThat(value.fieldNames()).toIterable().containsExactly("timestamp", "messages");
        assertThat(value.get("timestamp").isNumber()).isTrue();
        assertThat(value.get("timestamp").asDouble()).isBetween(before - 1, before + 60);
        assertThat(r.value()).matches("\\{\"timestamp\":\\d{10}\\.\\d{1,6},\"messages\":\\[.*");
        assertThat(value.get("messages")).extracting(JsonNode::asText).containsExactly("first entry", "second entry");
    }

    @Test
    void anyStringYieldsValidUtf8Json(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("wire-strings");
        List<String> nasty = List.of(
                "quotes \" and \\ backslashes",
                "new\nlines\r\nand\ttabs",
                "controls \u0000\u0001\u001f\u007f",
                "non-BMP \uD83D\uDE00 emoji and \uD834\uDD1E clef",
                "BMP \u00e9\u4e2d\u6587 \u2028\u2029",
                "</script><!-- json in html -->");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("strings").interval(Duration.ofHours(1)).sendWhenIdle(false).build();
        nasty.forEach(shipper::log);
        shipper.log("lone high \uD800 and lone low \uDC00 surrogates");
        shipper.close(Duration.ofSeconds(20));

        ShippedRecord r = broker.readAll(topic).get(0);
        strictUtf8(r.rawValue());
        List<String> texts = Shipped.texts(broker, topic);
        assertThat(texts.subList(0, nasty.size())).containsExactlyElementsOf(nasty);
        assertThat(texts.get(nasty.size())).isEqualTo("lone high \uFFFD and lone low \uFFFD surrogates");
    }

    @Test
    void structuredEntriesCarryEveryFieldInJsonFormat(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("wire-json");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("json").interval(Duration.ofHours(1)).sendWhenIdle(false)
                .entryFormat(EntryFormat.JSON).build();
        Instant time = Instant.parse("2026-11-25T10:00:00.123Z");
        shipper.log(LogEntry.builder().time(time).level("ERROR").logger("com.example.Service").thread("worker-1")
                .message("it broke").exception("java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)")
                .mdc(Map.of("requestId", "r-42")).markers(List.of("AUDIT")).build());
        shipper.log("plain text stays a string");
        shipper.close(Duration.ofSeconds(20));

        List<JsonNode> entries = Shipped.entries(broker, topic);
        JsonNode e = entries.get(0);
        assertThat(e.get("time").asText()).isEqualTo("2026-11-25T10:00:00.123Z");
        assertThat(e.get("level").asText()).isEqualTo("ERROR");
        assertThat(e.get("logger").asText()).isEqualTo("com.example.Service");
        assertThat(e.get("thread").asText()).isEqualTo("worker-1");
        assertThat(e.get("message").asText()).isEqualTo("it broke");
        assertThat(e.get("exception").asText()).startsWith("java.lang.IllegalStateException: boom");
        assertThat(e.get("mdc").get("requestId").asText()).isEqualTo("r-42");
        assertThat(e.get("markers").get(0).asText()).isEqualTo("AUDIT");
        assertThat(entries.get(1).asText()).isEqualTo("plain text stays a string");
    }

    @Test
    void contextMapsWithNullValuesAreWrittenAsJsonNull(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("wire-null");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("nulls").interval(Duration.ofHours(1)).sendWhenIdle(false)
                .entryFormat(EntryFormat.JSON).build();
        java.util.Map<String, String> mdc = new java.util.HashMap<>();
        mdc.put("present", "yes");
        mdc.put("absent", null);
        mdc.put(null, "no key");
        assertThat(shipper.log(LogEntry.builder().message("m").mdc(mdc).markers(java.util.Arrays.asList("A", null))
                .build())).isTrue();
        shipper.close(Duration.ofSeconds(20));

        JsonNode e = Shipped.entries(broker, topic).get(0);
        assertThat(e.get("mdc").get("present").asText()).isEqualTo("yes");
        assertThat(e.get("mdc").get("absent").isNull()).isTrue();
        assertThat(e.get("mdc").size()).isEqualTo(2);
        assertThat(e.get("markers")).hasSize(1);
    }

    @Test
    void structuredEntriesRenderAsOneTextLineInTextFormat(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("wire-text");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("text").interval(Duration.ofHours(1)).sendWhenIdle(false).build();
        shipper.log(LogEntry.builder().time(Instant.parse("2026-11-25T10:00:00Z")).level("WARN")
                .logger("a.B").thread("main").message("careful").exception("E: x\n\tat y").build());
        shipper.close(Duration.ofSeconds(20));

        assertThat(Shipped.texts(broker, topic))
                .containsExactly("2026-11-25T10:00:00Z WARN [main] a.B - careful\nE: x\n\tat y");
    }

    @Test
    void pythonStyleConsumersCanParseTheTimestampAsAFloat(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("wire-ts");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("ts").interval(Duration.ofMillis(200)).build();
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.readAll(topic).size() >= 2);
        shipper.close(Duration.ofSeconds(10));
        for (ShippedRecord r : broker.readAll(topic)) {
            assertThat(r.value()).matches("\\{\"timestamp\":\\d{10}\\.\\d{1,6},\"messages\":\\[.*");
        }
    }

    private static void strictUtf8(byte[] bytes) throws CharacterCodingException {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
    }
}
