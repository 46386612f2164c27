package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/** {@code <logLevel>} and the config file's {@code log.level} decide the lowest level shipped; the element wins. */
@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class LogLevelTest {

    @Test
    void eventsBelowTheLogLevelElementAreNotShipped(KafkaBroker broker) throws JoranException {
        String topic = KafkaBroker.uniqueTopic("lb-level");
        LoggerContext context = configure(broker, topic, "<logLevel>warn</logLevel>");
        ship(context);

        assertThat(Fixtures.texts(broker, topic)).hasSize(2).allMatch(t -> t.contains("WARN") || t.contains("ERROR"));
    }

    @Test
    void theConfigFilesLogLevelIsHonouredAndTheElementOverridesIt(KafkaBroker broker, @TempDir Path dir)
            throws JoranException, IOException {
        Path ini = Files.writeString(dir.resolve("app.ini"), "[log]\nlog.level = ERROR\n");
        String fromFile = KafkaBroker.uniqueTopic("lb-level-file");
        ship(configure(broker, fromFile, "<configFile>" + ini + "</configFile>"));
        String overridden = KafkaBroker.uniqueTopic("lb-level-override");
        ship(configure(broker, overridden, "<configFile>" + ini + "</configFile><logLevel>INFO</logLevel>"));

        assertThat(Fixtures.texts(broker, fromFile)).singleElement().asString().contains("ERROR");
        assertThat(Fixtures.texts(broker, overridden)).hasSize(3);
    }

    private static void ship(LoggerContext context) {
        Logger log = context.getLogger("io.example.Levels");
        log.debug("debug line");
        log.info("info line");
        log.warn("warn line");
        log.error("error line");
        context.stop();
    }

    private static LoggerContext configure(KafkaBroker broker, String topic, String elements) throws JoranException {
        String xml = "<configuration><appender name=\"KAFKA\" class=\"io.logshipper.logback.KafkaLogAppender\">"
                + "<bootstrapServers>" + broker.bootstrapServers() + "</bootstrapServers><topic>" + topic + "</topic>"
                + "<programId>levels</programId>" + elements
                + "</appender><root level=\"DEBUG\"><appender-ref ref=\"KAFKA\"/></root></configuration>";
        LoggerContext context = new LoggerContext();
        context.setName("levels-" + topic);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context;
    }
}
