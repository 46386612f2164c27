package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.LoggerContext;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(120)
class ConfigFileTest {

    @Test
    void anIniFileSuppliesTheBrokerAndTopic(KafkaBroker broker, @TempDir Path dir) throws IOException {
        String topic = KafkaBroker.uniqueTopic("lb-ini");
        Path ini = Files.writeString(dir.resolve("app.ini"),
                "[broker]\nbootstrap.servers = " + broker.bootstrapServers() + "\n\n[log]\ntopic = " + topic + "\n");
        LoggerContext context = Fixtures.context("config-file", Map.of("iniFile", ini.toString()));
        try {
            context.getLogger("io.example.Ini").info("from the ini file");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !Fixtures.texts(broker, topic).isEmpty());
        } finally {
            context.stop();
        }

        assertThat(Fixtures.shipped(broker, topic)).singleElement()
                .satisfies(s -> assertThat(s.key()).isEqualTo("ini-service_log"))
                .satisfies(s -> assertThat(s.entry().asText()).isEqualTo("from the ini file"));
    }

    @Test
    void explicitElementsOverrideTheIniFile(KafkaBroker broker, @TempDir Path dir) throws IOException {
        String fileTopic = KafkaBroker.uniqueTopic("lb-ini-file");
        String xmlTopic = KafkaBroker.uniqueTopic("lb-ini-xml");
        Path ini = Files.writeString(dir.resolve("app.ini"),
                "[broker]\nbootstrap.servers = " + broker.bootstrapServers() + "\n\n[log]\ntopic = " + fileTopic + "\n");
        LoggerContext context = Fixtures.context("config-file-override",
                Map.of("iniFile", ini.toString(), "topic", xmlTopic));
        try {
            context.getLogger("io.example.Ini").info("to the xml topic");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !Fixtures.texts(broker, xmlTopic).isEmpty());
        } finally {
            context.stop();
        }

        assertThat(Fixtures.texts(broker, xmlTopic)).containsExactly("to the xml topic");
        assertThat(broker.topicExists(fileTopic)).isFalse();
    }
}
