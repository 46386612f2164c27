package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.logshipper.LogLevel;

/** The spellings every front door accepts (the mistakes they refuse are in the shared mistakes table). */
class KindsTest {

    @Test
    void byteSizesTakeBinarySuffixesInAnyCase() {
        assertThat(Settings.MAX_BUFFERED_BYTES.parse("16MiB")).isEqualTo(16L << 20);
        assertThat(Settings.MAX_BUFFERED_BYTES.parse(" 512 kib ")).isEqualTo(512L << 10);
        assertThat(Settings.MAX_BUFFERED_BYTES.parse("2GiB")).isEqualTo(2L << 30);
        assertThat(Settings.MAX_MESSAGE_BYTES.parse("1000000")).isEqualTo(1_000_000L);
    }

    @Test
    void secondsArePlainDecimalsKeptToTheNanosecond() {
        assertThat(Settings.INTERVAL_SECS.parse("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(Settings.INTERVAL_SECS.parse(".25")).isEqualTo(Duration.ofMillis(250));
        assertThat(Settings.INTERVAL_SECS.parse("5.")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Settings.INTERVAL_SECS.parse("0.0015")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(Settings.CLOSE_TIMEOUT_SECS.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Settings.INTERVAL_SECS.kind().format(Duration.ofMillis(2500))).isEqualTo("2.5");
    }

    @Test
    void levelsTakePythonsAndJavaUtilLoggingsNamesToo() {
        assertThat(Settings.LOG_LEVEL.parse("warn")).isEqualTo(LogLevel.WARN);
        assertThat(Settings.LOG_LEVEL.parse("WARNING")).isEqualTo(LogLevel.WARN);
        assertThat(Settings.LOG_LEVEL.parse("critical")).isEqualTo(LogLevel.FATAL);
        assertThat(Settings.LOG_LEVEL.parse("Fatal")).isEqualTo(LogLevel.FATAL);
        assertThat(Settings.LOG_LEVEL.parse("SEVERE")).isEqualTo(LogLevel.ERROR);
        assertThat(Settings.LOG_LEVEL.parse("fine")).isEqualTo(LogLevel.DEBUG);
        assertThat(Settings.LOG_LEVEL.parse("finest")).isEqualTo(LogLevel.TRACE);
    }

    @Test
    void booleansAndFormatsTakeAnyCase() {
        assertThat(Settings.SEND_WHEN_IDLE.parse("Yes")).isTrue();
        assertThat(Settings.SEND_WHEN_IDLE.parse("OFF")).isFalse();
        assertThat(Settings.ENTRY_FORMAT.parse(" JSON ")).hasToString("JSON");
    }

    @Test
    void aHugeValueIsEchoedShortly() {
        String huge = "9".repeat(1_000_000);
        try {
            Settings.MAX_BUFFERED_ENTRIES.parse(huge);
        } catch (Kind.InvalidValueException e) {
            assertThat(e.reason()).hasSizeLessThan(200).endsWith("(1000000 characters)");
        }
    }
}
