package io.logshipper.cli;

import static io.logshipper.cli.Cli.envelope;
import static io.logshipper.cli.Cli.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** tail shows the MDC compactly and --grep finds its values; OpenMSIStream's group.id = create_new. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class TailMdcAndGroupTest {

    private static final String TS = "1795600800.123";
    private static final String WITH_MDC = "{\"time\": \"2026-11-25T09:59:59.999Z\", \"level\": \"INFO\", "
            + "\"logger\": \"app.Orders\", \"thread\": \"http-1\", \"message\": \"order placed\", "
            + "\"mdc\": {\"user\": \"alice\", \"request\": \"r-42\\nforged line\"}}";
    private static final String WITHOUT_MDC = "{\"time\": \"2026-11-25T10:00:00.000Z\", \"level\": \"INFO\", "
            + "\"logger\": \"app.Orders\", \"thread\": \"http-2\", \"message\": \"order shipped\"}";

    @Test
    void textFormatShowsTheMdcCompactlyOnTheEntrysLineAndGrepMatchesItsValues(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("tail-mdc");
        broker.createTopic(topic, 1);
        Cli.produce(broker, topic, "shop_log", envelope(TS, WITH_MDC, WITHOUT_MDC, q("a text entry")));

        Cli.Result all = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--max-messages", "1");
        Cli.Result alice = Cli.run("tail", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--from-beginning", "--max-messages", "1", "--grep", "user=alice");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out().split("\\R")).containsExactly(
                "[shop 2026-11-25T10:00:00.123Z] 2026-11-25T09:59:59.999Z INFO [http-1] app.Orders"
                        + " {user=alice, request=r-42\\nforged line} - order placed",
                "[shop 2026-11-25T10:00:00.123Z] 2026-11-25T10:00:00.000Z INFO [http-2] app.Orders - order shipped",
                "[shop 2026-11-25T10:00:00.123Z] a text entry");
        assertThat(alice.exitCode()).as(alice.err()).isZero();
        assertThat(alice.out()).contains("order placed").doesNotContain("order shipped", "a text entry");
    }

    @Test
    void createNewGroupInTheConfigFileIsANewThrowawayGroupEachRun(KafkaBroker broker, @TempDir Path dir)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("tail-create-new");
        broker.createTopic(topic, 1);
        Cli.produce(broker, topic, "demo_log", envelope(TS, q("m1")));
        Path ini = dir.resolve("consumer.ini");
        Files.writeString(ini, "[broker]\nbootstrap.servers = " + broker.bootstrapServers()
                + "\n[consumer]\ngroup.id = create_new\n");
        String[] args = {"tail", "--config", ini.toString(), "--topic", topic, "--from-beginning",
            "--max-messages", "1", "--timeout-secs", "30"};

        Cli.Result first = Cli.run(args);
        Cli.Result second = Cli.run(args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("m1");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).as("a new group reads from the beginning again").contains("m1");
        try (Admin admin = broker.admin()) {
            assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
                    .extracting(ConsumerGroupListing::groupId).doesNotContain(TailCommand.CREATE_NEW_GROUP);
        }
    }
}
