package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.LoggerContext;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** The disk spool configured in Logback XML: what is logged while the broker is unreachable arrives after restart. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class SpoolTest {

    /** What the application logged; the shipper's own notices (replay, for one) left out. */
    private static List<String> texts(KafkaBroker broker, String topic) {
        return Fixtures.texts(broker, topic).stream().filter(t -> !t.contains("logshipper:"))
                .collect(java.util.stream.Collectors.toList());
    }

    @Test
    void entriesLoggedWhileTheBrokerIsUnreachableArriveFromTheSpoolAfterARestart(KafkaBroker broker,
                                                                                 @TempDir Path dir)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("lb-spool");
        broker.createTopic(topic, 1);
        String unreachable;
        try (ServerSocket s = new ServerSocket(0)) {
            unreachable = "127.0.0.1:" + s.getLocalPort();
        }
        LoggerContext down = Fixtures.context("spool",
                Map.of("bootstrap", unreachable, "topic", topic, "spoolDir", dir.toString()));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            down.getLogger("io.example.Spool").info("spooled " + i);
            expected.add("spooled " + i);
        }
        Thread.sleep(500);
        down.stop();
        assertThat(Files.list(dir.resolve("spooled-service")).map(p -> p.getFileName().toString()))
                .contains("spool.lock", "00000000000000000001.seg");

        LoggerContext up = Fixtures.context("spool",
                Map.of("bootstrap", broker.bootstrapServers(), "topic", topic, "spoolDir", dir.toString()));
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> texts(broker, topic).size() >= 30);
        } finally {
            up.stop();
        }
        assertThat(texts(broker, topic)).containsExactlyElementsOf(expected);
        assertThat(Fixtures.statuses(up, ch.qos.logback.core.status.Status.ERROR)).isEmpty();
    }
}
