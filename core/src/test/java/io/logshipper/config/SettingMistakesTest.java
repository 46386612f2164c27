package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.logshipper.LogShipper;
import io.logshipper.LogShipperOptions;
import io.logshipper.testing.SettingMistakes;
import io.logshipper.testing.SettingMistakes.Mistake;

/**
 * The table of mistakes shared by every front door's test: the builder, the INI file and the flags word each one
 * with their own spelling of the setting, followed by the same reason. The appenders' modules run the same table.
 */
@Timeout(30)
class SettingMistakesTest {

    static List<Mistake> mistakes() {
        return SettingMistakes.all();
    }

    static List<Mistake> kafkaMistakes() {
        return SettingMistakes.kafka();
    }

    static List<Mistake> flagMistakes() {
        return SettingMistakes.all().stream().filter(m -> setting(m).flag().isPresent()).toList();
    }

    static Setting<?> setting(Mistake m) {
        return Settings.ALL.stream().filter(s -> s.name().equals(m.setting())).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void theBuilderNamesTheSettingAndGivesTheReason(Mistake m) {
        assertThatThrownBy(() -> LogShipper.builder().setText(setting(m), m.value(), Origin.BUILDER))
                .isInstanceOf(SettingException.class)
                .hasMessage(m.setting() + " " + m.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void theIniFileNamesFileLineAndKeyAndGivesTheReason(Mistake m) {
        Setting<?> s = setting(m);
        String topic = s == Settings.TOPIC ? "program.id = p\n" : "topic = logs\n";
        IniFile file = IniFile.parse("app.ini", "[log]\nbootstrap.servers = b:9092\n" + topic + s.iniKey() + " = "
                + m.value() + "\n", k -> null);

        assertThatThrownBy(() -> IniConfig.applyTo(LogShipper.builder(), file).config())
                .isInstanceOf(SettingException.class)
                .hasMessage("app.ini:4: " + s.iniKey() + " " + m.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaMistakes")
    void aKafkaSettingsMistakeNamesItAtTheBuilderAndInTheFile(Mistake m) {
        assertThatThrownBy(() -> LogShipper.builder().bootstrapServers("b:9092").topic("logs")
                .producerSetting(m.setting(), m.value()).config())
                .isInstanceOf(SettingException.class)
                .hasMessage(m.reason());
        IniFile file = IniFile.parse("app.ini", "[log]\nbootstrap.servers = b:9092\ntopic = logs\n" + m.setting()
                + " = " + m.value() + "\n", k -> null);
        assertThatThrownBy(() -> IniConfig.applyTo(LogShipper.builder(), file).config())
                .isInstanceOf(SettingException.class)
                .hasMessage("app.ini:4: " + m.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flagMistakes")
    void theFlagsNameTheFlagAndGiveTheReason(Mistake m) {
        String flag = setting(m).flag().orElseThrow();

        assertThatThrownBy(() -> LogShipperOptions.fromArgs(flag + "=" + m.value()))
                .isInstanceOf(SettingException.class)
                .hasMessage(flag + " " + m.reason());
        assertThatThrownBy(() -> LogShipperOptions.fromArgs(flag, m.value()))
                .hasMessage(flag + " " + m.reason());
    }
}
