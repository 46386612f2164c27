package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.logshipper.LogShipper;
import io.logshipper.LogShipperConfig;
import io.logshipper.internal.LogHeaders;

/** The {@code headers} setting: one syntax in every door, a variable from the INI file, hostile text refused fast. */
@Timeout(30)
class HeadersSettingTest {

    @Test
    void theIniFileTakesHeadersAndAWholeValueVariable() {
        IniFile file = IniFile.parse("app.ini", """
                [log]
                bootstrap.servers = b:9092
                topic = logs
                headers = ${LOG_HEADERS}
                """, Map.of("LOG_HEADERS", "env=prod, region=eu-west-1,host=")::get);
        LogShipperConfig c = IniConfig.applyTo(LogShipper.builder(), file).config();

        assertThat(c.headers()).containsExactly(Map.entry("env", "prod"), Map.entry("region", "eu-west-1"),
                Map.entry("host", ""));
        assertThat(LogHeaders.forLogs(c.headers())).extracting(h -> h.key())
                .containsExactly("content-type", "env", "region");
    }

    @Test
    void theBuilderChecksEachHeaderSoACommaInAValueIsRefusedNotSplit() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("env", "prod,region=x");
        assertThatThrownBy(() -> LogShipper.builder().headers(headers)).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("headers must be name=value pairs separated by commas")
                .hasMessageEndingWith("not 'env=prod,region=x'");
        assertThat(LogShipper.builder().bootstrapServers("b:9092").topic("t").headers(Map.of("a", "1")).config()
                .headers()).containsExactly(Map.entry("a", "1"));
        assertThat(LogShipper.builder().bootstrapServers("b:9092").topic("t").config().headers()).isEmpty();
    }

    @Test
    void largeHeadersMustLeaveRoomBelowMaxRequestSize() {
        assertThatThrownBy(() -> LogShipper.builder().bootstrapServers("b:9092").topic("t")
                .producerSetting("max.request.size", "2048").maxMessageBytes(1500)
                .headers(Map.of("big", "x".repeat(1000))).config())
                .isInstanceOf(SettingException.class)
                .hasMessage("maxMessageBytes must stay at least 1525 bytes below the Kafka setting max.request.size"
                        + " (2048) with these headers, not '1500'");
    }

    @Test
    void hostileTextIsRefusedAtOnceWithAShortError() {
        String huge = "a=" + "x".repeat(10_000_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> Settings.HEADERS.parse(huge)).isInstanceOf(Kind.InvalidValueException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        assertThatThrownBy(() -> Settings.HEADERS.parse("a=\u0000b")).isInstanceOf(Kind.InvalidValueException.class);
        StringBuilder many = new StringBuilder("h0=v");
        for (int i = 1; i < 33; i++) {
            many.append(",h").append(i).append("=v");
        }
        assertThatThrownBy(() -> Settings.HEADERS.parse(many.toString()))
                .isInstanceOf(Kind.InvalidValueException.class);
        assertThat(Settings.HEADERS.parse(many.substring(0, many.lastIndexOf(",")))).hasSize(32);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(Settings.HEADERS.parse(" a = 1 , a = 2 ")).containsExactly(Map.entry("a", "2"));
        assertThat(Settings.HEADERS.parse("")).isEmpty();
    }
}
