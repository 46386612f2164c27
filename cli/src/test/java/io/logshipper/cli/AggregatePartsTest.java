package io.logshipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import io.logshipper.LogLevel;

/** The aggregator's pieces that need no broker: level rules, escapes, file names. */
class AggregatePartsTest {

    @Test
    void levelRulesApplyToTextEntriesInTheAppendersLayoutToo() {
        LevelPolicy p = new LevelPolicy(LogLevel.ALL);
        p.set("detector-b", "com.acme.Calibration", LogLevel.ERROR);
        p.set("detector-a", null, LogLevel.WARN);
        String text = "2026-12-02T00:03:04.014Z WARN [cal-1] com.acme.Calibration - offset drifting";
        TextNode entry = new TextNode(text);
        String logger = LevelPolicy.loggerName(entry, text);
        assertThat(logger).isEqualTo("com.acme.Calibration");
        assertThat(p.accepts("detector-b", logger, LevelPolicy.levelName(entry, text))).isFalse();
        assertThat(p.accepts("detector-b", "com.acme.CalibrationX", "WARN")).isTrue();
        assertThat(p.accepts("detector-b", "com.acme.Calibration.Inner", "WARN")).isFalse();
        assertThat(p.accepts("detector-a", null, "INFO")).isFalse();
        assertThat(p.accepts("detector-a", null, "warning")).isTrue();
        // No recognisable level: always written, unless the threshold is OFF.
        assertThat(p.accepts("detector-a", null, null)).isTrue();
        p.set("detector-a", null, LogLevel.OFF);
        assertThat(p.accepts("detector-a", null, null)).isFalse();
        p.set("detector-a", null, null);
        assertThat(p.accepts("detector-a", null, "TRACE")).isTrue();
    }

    @Test
    void theLevelOfATextEntryIsItsFirstWholeLevelWord() {
        assertThat(LevelPolicy.firstLevelWord("2026-12-02T00:01:44Z INFO [main] x - y")).isEqualTo("INFO");
        assertThat(LevelPolicy.firstLevelWord("calibration: WARNING: drifting")).isEqualTo("WARNING");
        assertThat(LevelPolicy.firstLevelWord("INFORMATION and ERROR_CODE and xERROR")).isNull();
        assertThat(LevelPolicy.firstLevelWord("plain entry: INFO calibration done, then ERROR")).isEqualTo("INFO");
        assertThat(LevelPolicy.firstLevelWord("")).isNull();
        assertThat(LevelPolicy.loggerName(new TextNode("t INFO [a b] com.x.Y - m"), "t INFO [a b] com.x.Y - m"))
                .isEqualTo("com.x.Y");
        assertThat(LevelPolicy.loggerName(new TextNode("no layout here"), "no layout here")).isNull();
    }

    @Test
    void terminalControlsAreNeutralisedTabsStayAndLaterLinesAreIndented() {
        assertThat(EntryFormatter.neutralise("a\u001b[31mred\u001b]0;title\u0007\tb\nc\rd\u009bx\u007f"))
                .isEqualTo("a^[[31mred^[]0;title^G\tb\n  c^Md\\u009bx^?");
        assertThat(EntryFormatter.neutralise("plain")).isSameAs("plain");
        // A line break cannot start a forged line of another program: every later line of an entry is indented.
        assertThat(EntryFormatter.neutralise("ok\n[admin 2026-12-02T06:00:00.000Z] password reset\n\tat x"))
                .isEqualTo("ok\n  [admin 2026-12-02T06:00:00.000Z] password reset\n  \tat x");
        assertThat(EntryFormatter.hasControl("a\nb".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        // Breaks that end an entry would only print empty lines; separators editors break at are shown escaped.
        assertThat(EntryFormatter.neutralise("ends with a break\r\n\n")).isEqualTo("ends with a break");
        assertThat(EntryFormatter.neutralise("a\u2028[x] b\u2029c")).isEqualTo("a\\u2028[x] b\\u2029c");
        // On one line (a table cell, a header name) a break is shown as ^J.
        assertThat(EntryFormatter.inline("p1\n[k 2026] x\u001b[31m")).isEqualTo("p1^J[k 2026] x^[[31m");
    }

    @Test
    void aMessageWithoutHeadersSaysSoOnItsHeadersLine() {
        var none = new org.apache.kafka.common.header.internals.RecordHeaders();
        assertThat(HeaderFilter.line(OutputFormat.TEXT, none)).isEqualTo("[headers] (none)");
        assertThat(HeaderFilter.line(OutputFormat.JSON, none)).isEqualTo("{\"headers\":{}}");
        var hostile = new org.apache.kafka.common.header.internals.RecordHeaders();
        hostile.add("na\u001bme\n[x]", "v\u001b[2J".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        hostile.add("bin", new byte[] {(byte) 0xff, 0, 1});
        assertThat(HeaderFilter.line(OutputFormat.TEXT, hostile))
                .isEqualTo("[headers] na^[me^J[x]=v^[[2J bin=base64:/wAB");
    }

    @Test
    void theEventFeedResumesFromItsHistoryAndCountsWhatFellOutOfItOrOverflowed() throws Exception {
        EventHub hub = new EventHub(3, 2, 1);
        for (int i = 1; i <= 5; i++) {
            hub.publish(new SinkEntry("p", java.time.Instant.EPOCH, "INFO", null, java.util.Map.of(), "e" + i,
                    "e" + i, "t", 0, i, false));
        }
        // History holds ids 3..5; a client that saw id 1 missed id 2, and its queue of 2 takes ids 3 and 4 only.
        EventHub.Client c = hub.connect(1);
        assertThat(c.takeMissed()).isEqualTo(2);
        assertThat(c.next(10, 100)).extracting(EventHub.Event::id).containsExactly(3L, 4L);
        assertThat(hub.connect(-1)).as("one client at most").isNull();
        c.close();
        EventHub.Client fresh = hub.connect(-1);
        assertThat(fresh.next(10, 10)).as("a new client gets no history").isEmpty();
        assertThat(hub.droppedTotal()).isEqualTo(1);
    }

    @Test
    void programIdsBecomeFileNamesInsideTheDirectory() {
        assertThat(PerProgramSink.fileName("detector-a")).isEqualTo("detector-a.log");
        assertThat(PerProgramSink.fileName("../../etc/passwd")).isEqualTo("_._.._etc_passwd.log");
        assertThat(PerProgramSink.fileName("")).isEqualTo("_.log");
        assertThat(PerProgramSink.fileName("ü/x")).isEqualTo("__x.log");
    }
}
