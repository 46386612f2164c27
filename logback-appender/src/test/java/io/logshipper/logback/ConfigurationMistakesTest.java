package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class ConfigurationMistakesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            missing-topic              | <topic>            | <topic> is required
            entry-format               | <entryFormat>      | 'text' or 'json'
            unknown-producer-key       | <producerConfig>   | did you mean 'linger.ms'
            malformed-producer-config  | <producerConfig>   | key=value
            interval                   | <intervalSecs>     | must be a decimal number of seconds
            config-file                | <configFile>       | settings.ini:4
            """)
    void aMistakeIsAWarningNamingTheElementAndLeavesTheAppenderStopped(String fixture, String element,
            String detail, KafkaBroker broker, @TempDir Path dir) throws IOException {
        Path ini = Files.writeString(dir.resolve("settings.ini"),
                "[log]\nbootstrap.servers = " + broker.bootstrapServers() + "\ntopic = t\nlinger.ms = soon\n");
        LoggerContext context = Fixtures.context("mistake-" + fixture, Map.of("bootstrap", broker.bootstrapServers(),
                "topic", KafkaBroker.uniqueTopic("lb-mistake"), "iniFile", ini.toString()));
        try {
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertThatCode(() -> root.info("the application keeps logging")).doesNotThrowAnyException();

            assertThat(Fixtures.statuses(context, Status.WARN))
                    .anySatisfy(s -> assertThat(s).contains(element).contains(detail).contains("not started"));
            assertThat(Fixtures.statuses(context, Status.ERROR)).isEmpty();
            assertThat(root.getAppender("KAFKA").isStarted()).isFalse();
            ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) root.getAppender("LIST");
            assertThat(list.list).extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("the application keeps logging");
        } finally {
            context.stop();
        }
    }
}
