package io.logshipper.cli;

import static io.logshipper.cli.Cli.envelope;
import static io.logshipper.cli.Cli.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** tail running in the background while topics and messages appear. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class TailSubscriptionTest {

    private static final String TS = "1795600800.123";

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    private static boolean hasMembers(KafkaBroker broker, String group) {
        try (Admin admin = broker.admin()) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return !d.members().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void topicPatternPicksUpATopicCreatedAfterStart(KafkaBroker broker) throws Exception {
        String prefix = KafkaBroker.uniqueTopic("late");
        String group = KafkaBroker.uniqueTopic("pattern-group");
        Future<Cli.Result> tail = background.submit(() -> Cli.run("tail",
                "--bootstrap-server", broker.bootstrapServers(), "--topic-pattern", prefix + "-.*",
                "--from-beginning", "--group", group, "--max-messages", "1", "--timeout-secs", "60"));
        await().atMost(Duration.ofSeconds(30)).until(() -> hasMembers(broker, group));

        String topic = prefix + "-app";
        broker.createTopic(topic, 1);
        Cli.produce(broker, topic, "late_log", envelope(TS, q("from a new topic")));

        Cli.Result r = tail.get(60, TimeUnit.SECONDS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("[late 2026-11-25T10:00:00.123Z] from a new topic");
    }

    @Test
    void withoutFromBeginningOnlyNewMessagesAreShown(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("tail-latest");
        broker.createTopic(topic, 1);
        Cli.produce(broker, topic, "demo_log", envelope(TS, q("old")));
        Future<Cli.Result> tail = background.submit(() -> Cli.run("tail",
                "--bootstrap-server", broker.bootstrapServers(), "--topic", topic, "--max-messages", "1",
                "--timeout-secs", "60"));

        // A message produced before tail has found the end of the partition is skipped, as tail -f would:
        // keep producing until one lands after it.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Cli.produce(broker, topic, "demo_log", envelope(TS, q("new")));
            return tail.isDone();
        });

        Cli.Result result = tail.get(10, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("[demo 2026-11-25T10:00:00.123Z] new" + System.lineSeparator());
    }
}
