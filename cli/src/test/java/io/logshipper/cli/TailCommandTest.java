package io.logshipper.cli;

import static io.logshipper.cli.Cli.envelope;
import static io.logshipper.cli.Cli.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class TailCommandTest {

    /** 2026-11-25T10:00:00.123Z. */
    private static final String TS = "1795600800.123";
    private static final String OBJECT_ENTRY = "{\"time\": \"2026-11-25T09:59:59.999Z\", \"level\": \"ERROR\", "
            + "\"logger\": \"app.Main\", \"thread\": \"main\", \"message\": \"it broke\", "
            + "\"exception\": \"java.lang.IllegalStateException: boom\\n\\tat app.Main.main(Main.java:1)\"}";

    private static List<String> lines(String out) {
        return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    private static String topicWith(KafkaBroker broker, String prefix, String... keysAndValues) {
        String topic = KafkaBroker.uniqueTopic(prefix);
        broker.createTopic(topic, 1);
        Cli.produce(broker, topic, keysAndValues);
        return topic;
    }

    @Test
    void textFormatPrefixesEachEntryWithProgramAndMessageTime(KafkaBroker broker) {
        String topic = topicWith(broker, "tail-text", "demo_log", envelope(TS, q("first entry"), OBJECT_ENTRY,
                q("ok\\n[admin 2026-11-25T10:00:00.123Z] forged \\u001b[2J")));

        Cli.Result r = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--max-messages", "1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        // Later lines of an entry are indented, so none can pass for an entry; terminal controls are shown as ^[.
        assertThat(lines(r.out())).containsExactly(
                "[demo 2026-11-25T10:00:00.123Z] first entry",
                "[demo 2026-11-25T10:00:00.123Z] 2026-11-25T09:59:59.999Z ERROR [main] app.Main - it broke",
                "  java.lang.IllegalStateException: boom",
                "  \tat app.Main.main(Main.java:1)",
                "[demo 2026-11-25T10:00:00.123Z] ok",
                "  [admin 2026-11-25T10:00:00.123Z] forged ^[[2J");
        assertThat(r.out()).doesNotContain("\u001b[");
    }

    @Test
    void jsonFormatPrintsOneObjectPerEntryKeepingTheTimestampDigits(KafkaBroker broker) throws Exception {
        String topic = topicWith(broker, "tail-json", "demo_log", envelope(TS, q("first entry"), OBJECT_ENTRY));

        Cli.Result r = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--max-messages", "1", "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = lines(r.out());
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"program\":\"demo\",\"timestamp\":"
                + TS + ",\"entry\":"));
        assertThat(Envelope.JSON.readTree(lines.get(0)).get("entry").textValue()).isEqualTo("first entry");
        JsonNode object = Envelope.JSON.readTree(lines.get(1)).get("entry");
        assertThat(object.get("level").textValue()).isEqualTo("ERROR");
        assertThat(object.get("exception").textValue()).startsWith("java.lang.IllegalStateException: boom\n");
    }

    @Test
    void rawFormatMatchesWhatThePythonConsumerPrints(KafkaBroker broker) {
        String value = "{\"timestamp\": 1763866657.418, \"messages\": [\"it's \\\"quoted\\\"\", \"only 'single'\", "
                + "\"line1\\nline2\\ttab\\\\\", \"caf\\u00e9 \\u4e2d \\ud83d\\ude00 \\u2028 \\u00a0 \\u0007 \\u00ad\", "
                + "{\"time\": \"2026-11-25T10:00:00.123Z\", \"level\": \"INFO\", \"message\": \"m\", "
                + "\"mdc\": {\"k\": \"v\"}, \"markers\": [], \"n\": 12345678901234567890, \"f\": 2.5e-7, "
                + "\"g\": 1e16, \"h\": 100.0, \"b\": true, \"z\": null}]}";
        String topic = topicWith(broker, "tail-raw", "demo_log", value);

        Cli.Result r = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--max-messages", "1", "--format", "raw");

        // Printed by CPython 3.12: print(f"[{key}]: {json.loads(value)}")
        String python = "[demo_log]: {'timestamp': 1763866657.418, 'messages': ['it\\'s \"quoted\"', "
                + "\"only 'single'\", 'line1\\nline2\\ttab\\\\', "
                + "'caf\u00e9 \u4e2d \uD83D\uDE00 \\u2028 \\xa0 \\x07 \\xad', "
                + "{'time': '2026-11-25T10:00:00.123Z', 'level': 'INFO', 'message': 'm', 'mdc': {'k': 'v'}, "
                + "'markers': [], 'n': 12345678901234567890, 'f': 2.5e-07, 'g': 1e+16, 'h': 100.0, 'b': True, "
                + "'z': None}]}";
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly(python);
    }

    @Test
    void programFilterKeepsOnlyThatProgramsMessages(KafkaBroker broker) {
        String topic = topicWith(broker, "tail-program",
                "demo_log", envelope(TS, q("demo one")),
                "other_log", envelope(TS, q("other one")),
                "demo_log", envelope(TS, q("demo two")));

        Cli.Result r = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--max-messages", "2", "--program", "demo");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly(
                "[demo 2026-11-25T10:00:00.123Z] demo one", "[demo 2026-11-25T10:00:00.123Z] demo two");
    }

    @Test
    void grepKeepsOnlyMatchingEntries(KafkaBroker broker) {
        String topic = topicWith(broker, "tail-grep",
                "demo_log", envelope(TS, q("alpha"), q("beta failed"), q("gamma")),
                "demo_log", envelope(TS, q("delta")),
                "demo_log", envelope(TS, q("epsilon failed")));

        Cli.Result r = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--max-messages", "2", "--grep", "fail(ed)?$");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly(
                "[demo 2026-11-25T10:00:00.123Z] beta failed", "[demo 2026-11-25T10:00:00.123Z] epsilon failed");
    }

    @Test
    void valuesThatAreNotLogshipperMessagesArePrintedAsTheyAreWithAWarning(KafkaBroker broker) {
        String topic = topicWith(broker, "tail-foreign",
                "plain", "not json at all",
                "demo_log", "{\"other\": 1}",
                "demo_log", envelope(TS, q("real entry")));

        Cli.Result r = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--max-messages", "3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly(
                "[plain] not json at all", "[demo_log] {\"other\": 1}", "[demo 2026-11-25T10:00:00.123Z] real entry");
        assertThat(r.err()).contains("warning").contains("not a logshipper message");
    }

    @Test
    void namedGroupResumesAfterTheLastPrintedMessage(KafkaBroker broker) {
        String topic = topicWith(broker, "tail-group",
                "demo_log", envelope(TS, q("m1")), "demo_log", envelope(TS, q("m2")),
                "demo_log", envelope(TS, q("m3")));
        String group = KafkaBroker.uniqueTopic("group");
        String[] args = {"tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
            "--from-beginning", "--group", group, "--max-messages", "2", "--format", "json"};

        Cli.Result first = Cli.run(args);
        Cli.produce(broker, topic, "demo_log", envelope(TS, q("m4")));
        Cli.Result second = Cli.run(args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"m1\"", "\"m2\"").doesNotContain("\"m3\"");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("\"m3\"", "\"m4\"").doesNotContain("\"m1\"", "\"m2\"");
    }

    @Test
    void timeoutWithNothingArrivingExitsWithOne(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("tail-empty");
        broker.createTopic(topic, 1);

        Cli.Result r = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--timeout-secs", "1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no message arrived within 1.0 s");
    }

    @Test
    void unreachableBrokerIsReportedAndExitsNonZero() {
        Cli.Result r = Cli.run("tail", "--bootstrap-server", "127.0.0.1:1", "--topic", "t", "--timeout-secs", "2");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("logshipper tail: cannot reach Kafka at 127.0.0.1:1");
    }
}
