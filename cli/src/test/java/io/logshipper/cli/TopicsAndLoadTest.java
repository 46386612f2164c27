package io.logshipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;

@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class TopicsAndLoadTest {

    @Test
    void topicsMarksLogshipperTopicsAndNotOthers(KafkaBroker broker) {
        String logs = KafkaBroker.uniqueTopic("topics-logs");
        String plain = KafkaBroker.uniqueTopic("topics-plain");
        broker.createTopic(logs, 2);
        broker.createTopic(plain, 1);
        Cli.produce(broker, logs, "demo_log", Cli.envelope("1795600800.5", Cli.q("entry")));
        Cli.produce(broker, plain, "order-1", "{\"amount\": 3}");

        Cli.Result r = Cli.run("topics", "--bootstrap-server", broker.bootstrapServers());

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = List.of(r.out().split("\\R"));
        assertThat(lines.get(0)).matches("TOPIC +PARTITIONS +LOGSHIPPER +PROGRAMS");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(logs + " +2 +yes +demo"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(plain + " +1 +no"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith("__"));

        Cli.Result only = Cli.run("topics", "--bootstrap-server", broker.bootstrapServers(), "--logshipper-only");
        assertThat(only.out()).contains(logs).doesNotContain(plain);
    }

    @Test
    void aProgramIdCannotRecolourTheTerminalOrForgeARow(KafkaBroker broker) {
        String evil = KafkaBroker.uniqueTopic("topics-evil");
        broker.createTopic(evil, 1);
        Cli.produce(broker, evil, "\u001b[31mred\n" + evil + "  9  yes  forged_log",
                Cli.envelope("1795600800.5", Cli.q("entry")));

        Cli.Result r = Cli.run("topics", "--bootstrap-server", broker.bootstrapServers(), "--logshipper-only");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("\u001b").contains("^[[31mred^J" + evil + "  9  yes  forged\n");
        assertThat(List.of(r.out().split("\\R"))).filteredOn(l -> l.startsWith(evil)).hasSize(1);
    }

    @Test
    void topicsReportsAnUnreachableBroker() {
        Cli.Result r = Cli.run("topics", "--bootstrap-server", "127.0.0.1:1", "--timeout-secs", "2");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach Kafka at 127.0.0.1:1");
    }

    @Test
    void loadShipsEveryEntryThroughOneShipperPerProgramAndSummarizes(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("load");
        broker.createTopic(topic, 1);

        Cli.Result r = Cli.run("load", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--programs", "2", "--rate", "200", "--duration", "2");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("logged: 800, delivered: 800, dropped: 0, failed: 0, undelivered: 0");
        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).extracting(ShippedRecord::key).containsOnly("load-0_log", "load-1_log");
        long entries = records.stream()
                .mapToLong(rec -> Envelope.of(null, rec.rawValue())
                        .entries().size())
                .sum();
        assertThat(entries).isEqualTo(800);
    }
}
