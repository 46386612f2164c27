package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.logshipper.testing.SettingMistakes;
import io.logshipper.testing.SettingMistakes.Mistake;

/**
 * The shared table of mistakes, written as attributes of {@code <KafkaLog>} in a real Log4j2 XML configuration:
 * each is a StatusLogger error naming the attribute, followed by the same reason as in every other front door,
 * and the appender is left out. No broker is needed: nothing starts.
 */
@Timeout(60)
class SettingMistakesTest {

    private StatusRecorder status;

    @BeforeEach
    void listen() {
        status = StatusRecorder.register();
    }

    @AfterEach
    void stopListening() {
        status.unregister();
    }

    static List<Mistake> mistakes() {
        return SettingMistakes.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void anAttributeWithAWrongValueIsAnErrorInTheSchemasWords(Mistake m) throws IOException {
        String topic = m.setting().equals("topic") ? "" : " topic=\"logs\"";
        LoggerContext context = start("<KafkaLog name=\"KAFKA\" bootstrapServers=\"127.0.0.1:1\"" + topic + " "
                + m.setting() + "=\"" + m.value() + "\"/>");
        try {
            assertThat(status.errors()).contains("KafkaLog 'KAFKA': attribute " + m.setting() + " " + m.reason());
            assertThat(context.getConfiguration().<KafkaLogAppender>getAppender("KAFKA")).isNull();
        } finally {
            context.stop();
        }
    }

    static List<Mistake> kafkaMistakes() {
        return SettingMistakes.kafka();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaMistakes")
    void aKafkaSettingsMistakeIsAnErrorNamingTheProperty(Mistake m) throws IOException {
        LoggerContext context = start("<KafkaLog name=\"KAFKA\" bootstrapServers=\"127.0.0.1:1\" topic=\"logs\">"
                + "<Property name=\"" + m.setting() + "\">" + m.value() + "</Property></KafkaLog>");
        try {
            assertThat(status.errors()).contains("KafkaLog 'KAFKA': <Property name=\"" + m.setting() + "\">: "
                    + m.reason());
        } finally {
            context.stop();
        }
    }

    @Test
    void aMisspeltAttributeIsReportedByLog4jAndTheCorrectOnesStillApply() throws IOException {
        LoggerContext context = start("<KafkaLog name=\"KAFKA\" bootstrapServers=\"127.0.0.1:1\" topic=\"logs\""
                + " maxBuferedEntries=\"5\" logLevel=\"warn\" sendWhenIdle=\"false\"/>");
        try {
            assertThat(status.errors()).anySatisfy(e -> assertThat(e).contains("maxBuferedEntries"));
            KafkaLogAppender appender = context.getConfiguration().getAppender("KAFKA");
            assertThat(appender).isNotNull();
            assertThat(appender.shipper().config().logLevel()).hasToString("WARN");
            assertThat(appender.shipper().config().sendWhenIdle()).isFalse();
            assertThat(appender.shipper().config().shutdownHook()).isFalse();
        } finally {
            context.stop();
        }
    }

    private static LoggerContext start(String appender) throws IOException {
        String xml = "<Configuration status=\"WARN\"><Appenders>" + appender + "</Appenders>"
                + "<Loggers><Root level=\"INFO\"><AppenderRef ref=\"KAFKA\"/></Root></Loggers></Configuration>";
        LoggerContext context = new LoggerContext("mistakes");
        context.start(new XmlConfiguration(context,
                new ConfigurationSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))));
        return context;
    }
}
