package io.logshipper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.logshipper.EntryFormat;
import io.logshipper.LogEntry;
import io.logshipper.spi.DeferredEntry;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.presentation.Representation;
import org.assertj.core.presentation.StandardRepresentation;

class BatchEncoderCuttingTest {

    private static final int MAX = 1_000_000;
    private static final String MARKER = "[truncated by logshipper: ";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Instant TIME = Instant.parse("2025-01-02T03:04:05.678Z");

    private final BatchEncoder json = new BatchEncoder(EntryFormat.JSON, MAX);
    private final BatchEncoder text = new BatchEncoder(EntryFormat.TEXT, MAX);
    private int lastLength;

    @Test
    void cutsAHugeThreadNameAndLeavesTheRestAlone() {
        JsonNode e = encode(json, base().thread("t".repeat(1_020_000)).build());
        assertText(e.get("thread").asText()).startsWith("tttt").contains(MARKER).endsWith(" of 1020000 characters kept]");
        assertText(e.get("message").asText()).isEqualTo("hello");
        assertText(e.get("logger").asText()).isEqualTo("com.example.Service");
        assertText(e.get("mdc").get("user").asText()).isEqualTo("alice");
        assertThat(e.get("thread").asText().length()).isGreaterThan(990_000);
    }

    @Test
    void cutsHugeLoggerNamesAndLevelsEvenPastOneAndAHalfMillionCharacters() {
        JsonNode logger = encode(json, base().logger("l".repeat(1_500_000)).build());
        assertText(logger.get("logger").asText()).contains(MARKER).endsWith(" of 1500000 characters kept]");
        JsonNode level = encode(json, base().level("W".repeat(1_500_000)).build());
        assertText(level.get("level").asText()).contains(MARKER);
        assertText(level.get("message").asText()).isEqualTo("hello");
    }

    @Test
    void cutsAHugeMdcValueAndKeepsTheMessageAndTheOtherEntries() {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("small", "s");
        mdc.put("big", "v".repeat(1_000_000));
        mdc.put("after", "a");
        JsonNode e = encode(json, base().message("the message").mdc(mdc).build());
        assertText(e.get("message").asText()).isEqualTo("the message");
        assertText(e.get("mdc").get("small").asText()).isEqualTo("s");
        assertText(e.get("mdc").get("after").asText()).isEqualTo("a");
        assertText(e.get("mdc").get("big").asText()).startsWith("vvv").contains(MARKER);
        assertThat(lastLength).as("bytes used of the limit").isGreaterThan(MAX * 95 / 100);
    }

    @Test
    void leavesOutTrailingMdcEntriesWhenThereAreTooManyAndSaysHowMany() {
        Map<String, String> mdc = new LinkedHashMap<>();
        IntStream.range(0, 10_000).forEach(i -> mdc.put("key-" + i, i + "-" + "x".repeat(200)));
        JsonNode e = encode(json, base().mdc(mdc).build());
        JsonNode m = e.get("mdc");
        assertText(m.get("key-0").asText()).startsWith("0-xxx");
        assertThat(m.size()).isGreaterThan(1_000).isLessThan(10_000);
        assertText(m.get(EntryCutter.MDC_OMISSION_KEY).asText()).contains(MARKER).endsWith(" of 10000 entries kept]");
        assertThat(lastLength).as("bytes used of the limit").isGreaterThan(MAX * 95 / 100);
        assertText(e.get("message").asText()).isEqualTo("hello");
    }

    @Test
    void cutsAHugeMarkerAndAHugeMdcKey() {
        JsonNode e = encode(json, base().markers(List.of("SMALL", "M".repeat(1_000_000)))
                .mdc(Map.of("k".repeat(100_000), "v")).build());
        assertText(e.get("markers").get(0).asText()).isEqualTo("SMALL");
        assertText(e.get("markers").get(1).asText()).startsWith("MMM").contains(MARKER);
        String key = e.get("mdc").fieldNames().next();
        assertText(key).startsWith("kkk").contains(MARKER);
        assertText(e.get("mdc").get(key).asText()).isEqualTo("v");
    }

    @Test
    void cutsAHugeExceptionAndKeepsItsStart() {
        JsonNode e = encode(json, base().exception("java.lang.IllegalStateException: boom\n"
                + "\tat x.Y.z(Y.java:1)\n".repeat(100_000)).build());
        assertText(e.get("exception").asText()).startsWith("java.lang.IllegalStateException: boom\n\tat x.Y.z")
                .contains(MARKER);
        assertText(e.get("message").asText()).isEqualTo("hello");
    }

    @Test
    void cutsEveryHugeFieldAtOnceFairly() {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("big", "\u00e9".repeat(1_000_000));
        IntStream.range(0, 10_000).forEach(i -> mdc.put("key-" + i, "value-" + i));
        List<String> markers = IntStream.range(0, 1_000).mapToObj(i -> "m" + i).collect(Collectors.toList());
        markers.add(0, "\"".repeat(1_000_000));
        LogEntry entry = LogEntry.builder().time(TIME).level("L".repeat(1_000_000)).logger("g".repeat(1_000_000))
                .thread("\uD83D\uDE00".repeat(600_000)).message("m\n".repeat(700_000))
                .exception("e".repeat(2_000_000)).mdc(mdc).markers(markers).build();
        JsonNode e = encode(json, entry);
        for (String field : List.of("level", "logger", "thread", "message", "exception")) {
            assertText(e.get(field).asText()).as(field).contains(MARKER);
            assertThat(e.get(field).asText().length()).as(field).isGreaterThan(20_000);
        }
        assertText(e.get("mdc").get("big").asText()).startsWith("\u00e9").contains(MARKER);
        assertText(e.get("markers").get(0).asText()).startsWith("\"").contains(MARKER);
        assertText(e.get("time").asText()).isEqualTo("2025-01-02T03:04:05.678Z");
        assertThat(lastLength).as("bytes used of the limit").isGreaterThan(MAX * 95 / 100);
    }

    @Test
    void fitsEvenAtTheSmallestMessageSize() {
        BatchEncoder small = new BatchEncoder(EntryFormat.JSON, 1024);
        Map<String, String> mdc = new LinkedHashMap<>();
        IntStream.range(0, 10_000).forEach(i -> mdc.put("key-" + i, "value-" + i));
        LogEntry entry = LogEntry.builder().time(TIME).level("L".repeat(10_000_000)).logger("g".repeat(100_000))
                .thread("t".repeat(100_000)).message("m".repeat(100_000)).exception("e".repeat(100_000))
                .mdc(mdc).markers(List.of("M".repeat(100_000), "N")).build();
        JsonNode e = encode(small, 1024, entry);
        assertText(e.get("message").asText()).contains(MARKER);
        assertText(e.get("mdc").get(EntryCutter.MDC_OMISSION_KEY).asText()).contains(MARKER);
    }

    @Test
    void cutsTheNamesOfAStructuredEntryInTextFormatWithoutLosingTheMessage() {
        String line = encode(text, base().thread("t".repeat(1_500_000)).logger("l".repeat(1_500_000))
                .message("the message").build()).asText();
        assertText(line).contains("the message").contains(MARKER);
    }

    @Test
    void cutsHugeTextEntriesAndDeferredRenders() {
        assertText(encode(text, "x\u0001".repeat(800_000)).asText()).startsWith("x\u0001x").contains(MARKER);
        DeferredEntry deferred = new DeferredEntry() {
            @Override
            public String render() {
                return "\uD83D\uDE00\"".repeat(700_000) + "\n";
            }

            @Override
            public int sizeEstimate() {
                return 10;
            }
        };
        assertText(encode(json, deferred).asText()).startsWith("\uD83D\uDE00\"").contains(MARKER)
                .endsWith(" of 2100000 characters kept]");
    }

    @Test
    void leavesEntriesThatFitAsTheyAre() {
        LogEntry entry = base().mdc(Map.of("a", "b")).markers(List.of("M")).build();
        JsonNode e = encode(json, entry);
        assertThat(e.toString()).doesNotContain(MARKER);
        assertText(e.get("thread").asText()).isEqualTo("main");
    }

    /** Huge strings in failure messages would flood the report; show their ends. */
    private static AbstractStringAssert<?> assertText(String s) {
        return org.assertj.core.api.Assertions.assertThat(s).withRepresentation(ABBREVIATED);
    }

    private static final Representation ABBREVIATED = new StandardRepresentation() {
        @Override
        public String toStringOf(Object o) {
            String s = super.toStringOf(o);
            return s == null || s.length() <= 400 ? s
                    : s.substring(0, 200) + "<... " + s.length() + " characters ...>" + s.substring(s.length() - 200);
        }
    };

    private static LogEntry.Builder base() {
        return LogEntry.builder().time(TIME).level("INFO").logger("com.example.Service").thread("main")
                .message("hello").mdc(Map.of("user", "alice"));
    }

    private JsonNode encode(BatchEncoder encoder, Object entry) {
        return encode(encoder, MAX, entry);
    }

    /** Encodes the entry alone in a message and checks the whole message is valid JSON within the limit. */
    private JsonNode encode(BatchEncoder encoder, int max, Object entry) {
        EncodedMessage message = encoder.begin(TIME);
        encoder.encode(entry);
        assertThat(message.fits(encoder.length())).isTrue();
        message.add(encoder.bytes(), encoder.length(), true);
        byte[] value = message.value();
        assertThat(value.length).isLessThanOrEqualTo(max);
        lastLength = value.length;
        try {
            JsonNode parsed = JSON.readTree(new String(value, StandardCharsets.UTF_8));
            return parsed.get("messages").get(0);
        } catch (Exception e) {
            throw new AssertionError("not valid JSON", e);
        }
    }
}
