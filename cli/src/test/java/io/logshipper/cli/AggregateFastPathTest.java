package io.logshipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.LogLevel;

/**
 * The aggregator's fast path (a streamed envelope, lines written without entry objects) against the slow one it
 * replaced: the same messages recognised, the same lines written, the same controls neutralised.
 */
class AggregateFastPathTest {

    @TempDir
    Path dir;

    /** The envelope test as it was: a whole tree, then its fields. */
    private static boolean isEnvelopeByTree(byte[] value) {
        JsonNode root;
        try {
            root = Envelope.JSON.readTree(value);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (root == null || !root.isObject()) {
            return false;
        }
        JsonNode t = root.get("timestamp");
        JsonNode m = root.get("messages");
        return t != null && t.isNumber() && m != null && m.isArray();
    }

    @Test
    void theStreamedEnvelopeAgreesWithTheTreeOnWhatIsAMessageAndWhatItHolds() {
        List<String> values = List.of(
                "{\"timestamp\": 1796169705.716033, \"messages\": [\"a\", \"b\\u001b[31m\", {\"level\": \"WARN\","
                        + " \"message\": \"m\", \"mdc\": {\"k\": [1, 2.50]}}, 7, 1.10, null, [\"x\"], true]}",
                "{\"messages\": [], \"timestamp\": 1}",
                "{\"timestamp\": 1, \"messages\": [\"a\"], \"messages\": 5}",
                "{\"timestamp\": 1, \"messages\": [\"a\"], \"timestamp\": \"x\"}",
                "{\"timestamp\": 1, \"messages\": 5, \"messages\": [\"b\"]}",
                "{\"timestamp\": 1, \"messages\": [\"a\"]} trailing",
                "{\"timestamp\": 1, \"messages\": [\"a\"]}{}",
                "{\"timestamp\": 1, \"messages\": [\"a\"], \"extra\": {\"deep\": [[[]]]}}",
                "{\"timestamp\": 1, \"messages\": [\"a\"",
                "{\"timestamp\": 1, \"messages\": [\"a\",]}",
                "[\"timestamp\", 1]",
                "\"just text\"",
                "12",
                "",
                "not json at all",
                "{\"timestamp\": -0.5, \"messages\": [\"\"]}",
                "{\"timestamp\":1,\"messages\":[ \"a\" ,\"b\"\n]\n}\n",
                "{\"timestamp\": 1, \"messages\": []}",
                "{\"timestamp\": 1, \"messages\": [ ]} ",
                "{\"timestamp\": 1, \"messages\": [\"a\" \"b\"]}",
                "{\"timestamp\": 1, \"messages\": [\"a\"]}}",
                "{\"timestamp\": 1, \"messages\": [\"a\"] , }",
                "{\"timestamp\": 1, \"messages\": [\"a\", \"b\\\"c\", \"d\"]}",
                "{\"timestamp\": 1, \"messages\": [\"a\", 2]}",
                "{\"timestamp\": 1, \"messages\": [\"a\"], \"after\": 1}",
                "{\"timestamp\": 1, \"messages\": [\"a\"]",
                "{\"timestamp\": 1e3, \"messages\": [\"é ü 日本\"]}");
        for (String v : values) {
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            Envelope e = Envelope.of("p_log".getBytes(StandardCharsets.UTF_8), bytes);
            assertThat(e.isLogshipper()).as(v).isEqualTo(isEnvelopeByTree(bytes));
            if (e.isLogshipper()) {
                JsonNode tree;
                try {
                    tree = Envelope.JSON.readTree(bytes);
                } catch (IOException ex) {
                    throw new AssertionError(ex);
                }
                List<JsonNode> expected = new ArrayList<>();
                tree.get("messages").forEach(expected::add);
                assertThat(e.entries()).as(v).isEqualTo(expected);
                assertThat(e.timestamp()).as(v).isEqualTo(tree.get("timestamp"));
                assertThat(e.root()).as(v).isEqualTo(tree);
            }
            assertThat(e.text()).isEqualTo(v);
        }
        byte[] invalidUtf8 = {'{', '"', 't', 'i', 'm', 'e', 's', 't', 'a', 'm', 'p', '"', ':', '1', ',', '"', 'm', 'e',
                's', 's', 'a', 'g', 'e', 's', '"', ':', '[', '"', (byte) 0xff, (byte) 0xfe, '"', ']', '}'};
        assertThat(Envelope.of(null, invalidUtf8).isLogshipper()).isEqualTo(isEnvelopeByTree(invalidUtf8));
    }

    @Test
    void aTimestampNoClockCanHoldIsNoMessageAndCostsNothing() {
        long t0 = System.nanoTime();
        Envelope e = Envelope.of(null, "{\"timestamp\": 1e999999999, \"messages\": [\"a\"]}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(e.isLogshipper()).isFalse();
        assertThat(System.nanoTime() - t0).as("nanoseconds").isLessThan(5_000_000_000L);
        assertThat(Envelope.of(null, "{\"timestamp\": 1796169705.716, \"messages\": []}"
                .getBytes(StandardCharsets.UTF_8)).epochMillis()).isEqualTo(1_796_169_705_716L);
    }

    @Test
    void theByteScanFindsExactlyWhatNeutraliseChanges() {
        Random r = new Random(18);
        char[] alphabet = {'a', ' ', '\t', '\n', '\r', 0x1b, 0x07, 0x00, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0x9b, 0x9f, 0xa0,
                'é', 'ü', '日', '\u2028', '"', '\\'};
        for (int k = 0; k < 200_000; k++) {
            int n = r.nextInt(40);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append(r.nextInt(4) == 0 ? alphabet[r.nextInt(alphabet.length)] : (char) (0x20 + r.nextInt(95)));
            }
            String s = sb.toString();
            assertThat(EntryFormatter.hasControl(s.getBytes(StandardCharsets.UTF_8)))
                    .as("%s", s.chars().mapToObj(Integer::toHexString).toList())
                    // Identity: a text whose only line break ends it comes back equal, but was looked at.
                    .isEqualTo(EntryFormatter.neutralise(s) != s);
        }
    }

    @Test
    void aPlainStringEndsAtItsQuoteOnlyWhenAllBeforeIsPrintableAsciiWithoutEscapes() {
        Random r = new Random(181);
        byte[] specials = {'"', '\\', 0x00, 0x1f, 0x20, 0x7e, 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff, '\t', 'n'};
        for (int k = 0; k < 200_000; k++) {
            byte[] v = new byte[r.nextInt(50)];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(6) == 0 ? specials[r.nextInt(specials.length)] : (byte) (0x20 + r.nextInt(95));
            }
            int from = v.length == 0 ? 0 : r.nextInt(v.length);
            int expected = -1;
            for (int i = from; i < v.length; i++) {
                int b = v[i] & 0xff;
                if (b == '"') {
                    expected = i;
                    break;
                }
                if (b < 0x20 || b >= 0x7f || b == '\\') {
                    break;
                }
            }
            assertThat(PlainArray.stringEnd(v, from)).as("%s from %d", java.util.Arrays.toString(v), from)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aFileGetsTheSameLinesAsAUsersSinkInEveryFormat() throws Exception {
        String value = "{\"timestamp\": 1796169705.716033, \"messages\": [\"2026-12-02T00:01:44Z INFO [main] a.B - one\","
                + " \"two \\u001b[31mred\\u009b\", {\"time\": \"t\", \"level\": \"ERROR\", \"logger\": \"c.D\","
                + " \"message\": \"three\", \"exception\": \"E: x\\n\\tat y\"}]}";
        for (OutputFormat format : OutputFormat.values()) {
            Path file = dir.resolve(format + ".log");
            FileSink fileSink = new FileSink("file", file, Long.MAX_VALUE, 0);
            Recording users = new Recording();
            AggregateStats stats = new AggregateStats();
            List<LogSink> sinks = List.of(fileSink, users);
            for (LogSink s : sinks) {
                stats.sinks.put(s.name(), new AggregateStats.SinkStats(s.name(), null));
                s.open(java.util.Map.of());
            }
            AggregatePipeline pipeline = new AggregatePipeline(format, List.of(), null, HeaderFilter.of(List.of()), false,
                    new LevelPolicy(LogLevel.ALL), sinks, stats, new EventHub(10, 10, 1), new SelfLog(
                    new java.io.PrintWriter(java.io.Writer.nullWriter()), LogLevel.INFO));
            pipeline.handle(new ConsumerRecord<>("t", 0, 0, "prog\u001b_log".getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
            pipeline.flushAll();
            pipeline.closeAll();
            List<String> expected = users.entries().stream().map(SinkEntry::line)
                    .filter(java.util.Objects::nonNull).toList();
            StringBuilder lines = new StringBuilder();
            expected.forEach(l -> lines.append(l).append(System.lineSeparator()));
            assertThat(Files.readString(file)).as(format.name()).isEqualTo(lines.toString());
            // JSON lines are escaped (ESC as \u001B, C1 as \u009B), the others neutralised.
            assertThat(String.join("\n", expected)).doesNotContain("\u001b", "\u009b");
            if (format == OutputFormat.JSON) {
                assertThat(String.join("\n", expected)).contains("\\u001B[31mred\\u009B");
            }
            assertThat(stats.written.get()).isEqualTo(3);
            assertThat(stats.sinks.get("file").written.get()).isEqualTo(3);
        }
    }

    /** A user's sink: takes entry objects. */
    private static final class Recording implements LogSink {
        private final List<SinkEntry> entries = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void write(SinkEntry entry) {
            entries.add(entry);
        }

        @Override
        public void flush() {
        }

        List<SinkEntry> entries() {
            return entries;
        }
    }

    @Test
    void anObjectEntryWithoutTimeStartsWithItsLevelAndJsonEscapesEveryControl() throws Exception {
        JsonNode entry = Envelope.JSON.readTree("{\"level\": \"WARN\", \"message\": \"m\\u007f\\u0085\"}");
        assertThat(EntryFormatter.text(entry)).isEqualTo("WARN - m\u007f\u0085");
        assertThat(Envelope.JSON.writeValueAsString(entry)).isEqualTo("{\"level\":\"WARN\",\"message\":\"m\\u007F\\u0085\"}");
        assertThat(Envelope.JSON.writeValueAsString("é日")).isEqualTo("\"é日\"");
    }

    @Test
    void entriesWrittenWhileNobodyWatchedAreCountedAsMissedByAResumingClient() throws Exception {
        EventHub hub = new EventHub(10, 10, 2);
        assertThat(hub.watched()).isFalse();
        hub.skip(5);
        try (EventHub.Client c = hub.connect(-1)) {
            assertThat(hub.watched()).isTrue();
            hub.publish(new SinkEntry("p", java.time.Instant.EPOCH, "INFO", null, java.util.Map.of(), "e6", "e6", "t",
                    0, 6, false));
            assertThat(c.next(10, 1000)).extracting(EventHub.Event::id).containsExactly(6L);
        }
        // Gone for less than a minute: still kept for a resume.
        assertThat(hub.watched()).isTrue();
        try (EventHub.Client resumed = hub.connect(2)) {
            assertThat(resumed.takeMissed()).isEqualTo(3);
            assertThat(resumed.next(10, 1000)).extracting(EventHub.Event::id).containsExactly(6L);
        }
    }
}
