package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;

import io.logshipper.config.FrontDoor;
import io.logshipper.config.Setting;
import io.logshipper.config.Settings;
import io.logshipper.testing.SettingMistakes;
import io.logshipper.testing.SettingMistakes.Mistake;

/**
 * The shared table of mistakes, written as the appender's elements in a real Logback XML configuration: each is a
 * WARN status naming the element, followed by the same reason as in every other front door. No broker is needed:
 * the appender never starts.
 */
@Timeout(60)
class SettingMistakesTest {

    /** The mistakes of settings Logback takes as elements ({@code listener} is a nested component here). */
    static List<Mistake> mistakes() {
        List<String> elements = Settings.takenBy(FrontDoor.LOGBACK).stream().map(Setting::name).toList();
        return SettingMistakes.all().stream().filter(m -> elements.contains(m.setting())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void anElementWithAWrongValueIsAWarningInTheSchemasWords(Mistake m) throws JoranException {
        String topic = m.setting().equals("topic") ? "" : "<topic>logs</topic>";
        LoggerContext context = configure("<configuration>"
                + "<appender name=\"KAFKA\" class=\"io.logshipper.logback.KafkaLogAppender\">"
                + "<bootstrapServers>127.0.0.1:1</bootstrapServers>" + topic
                + "<" + m.setting() + ">" + m.value() + "</" + m.setting() + ">"
                + "</appender><root level=\"INFO\"><appender-ref ref=\"KAFKA\"/></root></configuration>");
        try {
            assertThat(Fixtures.statuses(context, Status.WARN)).contains("<" + m.setting() + "> " + m.reason()
                    + "; the appender is not started and nothing will be shipped");
            assertThat(Fixtures.statuses(context, Status.ERROR)).isEmpty();
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("KAFKA").isStarted()).isFalse();
        } finally {
            context.stop();
        }
    }

    static List<Mistake> kafkaMistakes() {
        return SettingMistakes.kafka();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaMistakes")
    void aKafkaSettingsMistakeIsAWarningNamingProducerConfig(Mistake m) throws JoranException {
        LoggerContext context = configure("<configuration>"
                + "<appender name=\"KAFKA\" class=\"io.logshipper.logback.KafkaLogAppender\">"
                + "<bootstrapServers>127.0.0.1:1</bootstrapServers><topic>logs</topic>"
                + "<producerConfig>" + m.setting() + "=" + m.value() + "</producerConfig>"
                + "</appender><root level=\"INFO\"><appender-ref ref=\"KAFKA\"/></root></configuration>");
        try {
            assertThat(Fixtures.statuses(context, Status.WARN)).contains("<producerConfig>: " + m.reason()
                    + "; the appender is not started and nothing will be shipped");
        } finally {
            context.stop();
        }
    }

    @Test
    void theAppenderHasAnElementForEverySettingTheSchemaGivesLogbackAndNoOther() {
        List<String> expected = Settings.takenBy(FrontDoor.LOGBACK).stream().map(Setting::name)
                .map(n -> "set" + n.substring(0, 1).toUpperCase(Locale.ROOT) + n.substring(1))
                .sorted().collect(Collectors.toList());
        List<String> own = List.of("setConfigFile", "setEncoder", "setLayout", "setContext", "setName");
        // addListener (the <listener class="..."/> component) is not a setter and not a setting.
        List<String> setters = Arrays.stream(KafkaLogAppender.class.getDeclaredMethods()).map(Method::getName)
                .filter(n -> n.startsWith("set") && !own.contains(n)).sorted().collect(Collectors.toList());

        assertThat(setters).isEqualTo(expected);
    }

    private static LoggerContext configure(String xml) throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setName("mistakes");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context;
    }
}
