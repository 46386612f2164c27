package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** The disk spool configured in Log4j2 XML: what is logged while the broker is unreachable arrives after restart. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpoolTest {

    @AfterEach
    void reset() {
        Log4jFixture.quiet();
    }

    @Test
    void entriesLoggedWhileTheBrokerIsUnreachableArriveFromTheSpoolAfterARestart(KafkaBroker broker,
                                                                                 @TempDir Path dir)
            throws Exception {
        String topic = KafkaBroker.uniqueTopic("l4j-spool");
        broker.createTopic(topic, 1);
        String unreachable;
        try (ServerSocket s = new ServerSocket(0)) {
            unreachable = "127.0.0.1:" + s.getLocalPort();
        }
        Log4jFixture.use("spool.xml", Map.of("bootstrap", unreachable, "topic", topic, "spoolDir", dir.toString()));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            LogManager.getLogger("app.spool").info("spooled " + i);
            expected.add("spooled " + i);
        }
        Thread.sleep(500);
        Log4jFixture.quiet();
        assertThat(Files.list(dir.resolve("l4j-spooled")).map(p -> p.getFileName().toString()))
                .contains("spool.lock", "00000000000000000001.seg");

        Log4jFixture.use("spool.xml", Map.of("bootstrap", broker.bootstrapServers(), "topic", topic,
                "spoolDir", dir.toString()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> texts(broker, topic).size() >= 30);
        Log4jFixture.quiet();
        assertThat(texts(broker, topic)).containsExactlyElementsOf(expected);
    }

    private static List<String> texts(KafkaBroker broker, String topic) {
        return Log4jFixture.entries(broker, topic).stream().filter(e -> e.isTextual()).map(e -> e.asText())
                .filter(t -> !t.contains("logshipper:")).collect(Collectors.toList());
    }
}
