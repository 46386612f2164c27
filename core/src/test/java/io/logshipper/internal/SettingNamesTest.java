package io.logshipper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SettingNamesTest {

    private static final Set<String> PRODUCER = ProducerConfig.configNames();

    @Test
    @Timeout(5)
    void suggestsTheClosestNameWithinAThirdOfItsLength() {
        assertThat(SettingNames.closest("bootstrap.server", PRODUCER)).isEqualTo("bootstrap.servers");
        assertThat(SettingNames.closest("akcs", PRODUCER)).isEqualTo("acks");
        assertThat(SettingNames.closest("completely.different.name", PRODUCER)).isNull();
        assertThat(SettingNames.didYouMean("linger.msec", PRODUCER)).isEqualTo(" (did you mean 'linger.ms'?)");
        assertThat(SettingNames.didYouMean("zzzzzzzzzzzzzzzzzzzzzzzzzzz", PRODUCER)).isEmpty();
    }

    @Test
    @Timeout(5)
    void firstOfEquallyCloseCandidatesWins() {
        assertThat(SettingNames.closest("ab", List.of("xb", "ax", "ab2"))).isEqualTo("xb");
        assertThat(SettingNames.closest("ab", List.of("ab2", "xb"))).isEqualTo("ab2");
    }

    @Test
    @Timeout(2)
    void megabyteNameGetsNoSuggestionAndCostsNothing() {
        String name = "bootstrap.servers" + "x".repeat(1_000_000);

        for (int i = 0; i < 100; i++) {
            assertThat(SettingNames.didYouMean(name, PRODUCER)).isEmpty();
        }
    }

    @Test
    @Timeout(5)
    void longNamesUnderTheCutOffAreComparedOnlyWithSimilarLengths() {
        String name = "b".repeat(200);

        for (int i = 0; i < 1_000; i++) {
            assertThat(SettingNames.closest(name, PRODUCER)).isNull();
        }
        assertThat(SettingNames.closest("b".repeat(199) + "c", List.of("b".repeat(200)))).hasSize(200);
    }

    @Test
    void quotedEchoesShortTextWhole() {
        assertThat(SettingNames.quoted("acks")).isEqualTo("'acks'");
        assertThat(SettingNames.quoted("")).isEqualTo("''");
        assertThat(SettingNames.quoted(null)).isEqualTo("'null'");
        assertThat(SettingNames.quoted("x".repeat(80))).isEqualTo("'" + "x".repeat(80) + "'");
    }

    @Test
    void quotedShortensLongTextAndSaysHowLongItWas() {
        assertThat(SettingNames.quoted("x".repeat(81))).isEqualTo("'" + "x".repeat(60) + "\u2026' (81 characters)");
        assertThat(SettingNames.quoted("y".repeat(1_000_000)))
                .isEqualTo("'" + "y".repeat(60) + "\u2026' (1000000 characters)");
    }

    @Test
    void quotedNeverSplitsASurrogatePair() {
        String text = "a".repeat(59) + "\uD83D\uDE00" + "b".repeat(40);

        assertThat(SettingNames.quoted(text)).isEqualTo("'" + "a".repeat(59) + "\u2026' (101 characters)");
    }

    @Test
    void quotedEscapesControlCharacters() {
        assertThat(SettingNames.quoted("a\nb\tc\rd\u0000e\u001b[2Jf\u007f"))
                .isEqualTo("'a\\nb\\tc\\rd\\u0000e\\u001b[2Jf\\u007f'");
        assertThat(SettingNames.quoted("caf\u00e9 \u4e2d")).isEqualTo("'caf\u00e9 \u4e2d'");
    }
}
