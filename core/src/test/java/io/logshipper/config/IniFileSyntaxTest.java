package io.logshipper.config;

import static io.logshipper.config.Ini.parse;
import static io.logshipper.config.Ini.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class IniFileSyntaxTest {

    @Test
    void equalsAndColonBothSeparateKeyFromValue() {
        IniFile file = parse("""
                [broker]
                bootstrap.servers = kafka:9092
                client.id: shipper=1
                """);

        assertThat(section(file, "broker").values()).containsExactly(
                entry("bootstrap.servers", "kafka:9092"),
                entry("client.id", "shipper=1"));
    }

    @Test
    void keysAndValuesAreTrimmedAndValueMayBeEmpty() {
        IniSection s = section(parse("[s]\n   key   =   some value  \nempty =\n"), "s");

        assertThat(s.values()).containsExactly(entry("key", "some value"), entry("empty", ""));
    }

    @Test
    void hashAndSemicolonLinesAreComments() {
        IniFile file = parse("""
                # leading comment
                ; another
                [s]
                  # indented comment
                a = 1
                ;b = 2
                """);

        assertThat(section(file, "s").values()).containsExactly(entry("a", "1"));
    }

    @Test
    void hashInsideValueIsKept() {
        IniSection s = section(parse("[s]\ntopic = logs#main ; not a comment\n"), "s");

        assertThat(s.get("topic")).contains("logs#main ; not a comment");
    }

    @Test
    void indentedLinesContinueTheValueJoinedWithNewline() {
        IniSection s = section(parse("""
                [s]
                jaas = first
                    second
                \tthird
                next = x
                """), "s");

        assertThat(s.get("jaas")).contains("first\nsecond\nthird");
        assertThat(s.get("next")).contains("x");
        assertThat(s.lineOf("next")).isEqualTo(5);
    }

    @Test
    void blankLinesInsideContinuedValueAreKeptOnlyWhenMoreContinuationFollows() {
        IniSection s = section(parse("[s]\na = one\n\n  two\n\n\nb = 2\n"), "s");

        assertThat(s.get("a")).contains("one\n\ntwo");
        assertThat(s.get("b")).contains("2");
    }

    @Test
    void commentLinesInsideContinuedValueAreDropped() {
        IniSection s = section(parse("[s]\na = one\n# note\n  two\n"), "s");

        assertThat(s.get("a")).contains("one\ntwo");
    }

    @Test
    void indentedKeyLineAfterHeaderIsAKeyLikeConfigparser() {
        IniSection s = section(parse("[s]\n  a = 1\n  b = 2\n"), "s");

        assertThat(s.values()).containsExactly(entry("a", "1"), entry("b", "2"));
    }

    @Test
    void sectionsKeepFileOrderAndNamesAreTrimmedAndCaseSensitive() {
        IniFile file = parse("[ zeta ]\n[Alpha]\n[alpha]\n");

        assertThat(file.sectionNames()).containsExactly("zeta", "Alpha", "alpha");
        assertThat(file.hasSection("Alpha")).isTrue();
        assertThat(file.hasSection("ALPHA")).isFalse();
        assertThat(file.section("missing")).isEmpty();
        assertThat(section(file, "Alpha").line()).isEqualTo(2);
    }

    @Test
    void headerMayBeFollowedByComment() {
        IniFile file = parse("[broker] # main cluster\na = 1\n");

        assertThat(file.sectionNames()).containsExactly("broker");
    }

    @Test
    void keysAreLowerCasedAndLookedUpCaseInsensitively() {
        IniSection s = section(parse("[s]\nBatch.Size = 100\n"), "s");

        assertThat(s.values()).containsOnlyKeys("batch.size");
        assertThat(s.get("BATCH.SIZE")).contains("100");
        assertThat(s.lineOf("batch.SIZE")).isEqualTo(2);
        assertThat(s.get("absent")).isEmpty();
        assertThat(s.lineOf("absent")).isZero();
    }

    @Test
    void numericLookingValuesStayStrings() {
        IniSection s = section(parse("[s]\na = 100\nb = 123456\nc = 1e3\nd = 0x1F\ne = 007\n"), "s");

        assertThat(s.values()).containsExactly(entry("a", "100"), entry("b", "123456"),
                entry("c", "1e3"), entry("d", "0x1F"), entry("e", "007"));
    }

    @Test
    void defaultValuesAreInheritedAndOverridable() {
        IniFile file = parse("""
                [DEFAULT]
                acks = all
                retries = 3
                [producer]
                retries = 5
                linger.ms = 10
                [other]
                """);

        IniSection producer = section(file, "producer");
        assertThat(producer.values()).containsExactly(
                entry("retries", "5"), entry("linger.ms", "10"), entry("acks", "all"));
        assertThat(producer.lineOf("acks")).isEqualTo(2);
        assertThat(producer.lineOf("retries")).isEqualTo(5);
        assertThat(section(file, "other").values()).containsExactly(entry("acks", "all"), entry("retries", "3"));
        assertThat(file.sectionNames()).containsExactly("producer", "other");
        assertThat(file.hasSection("DEFAULT")).isFalse();
        assertThat(file.defaults().line()).isEqualTo(1);
        assertThat(file.defaults().values()).containsExactly(entry("acks", "all"), entry("retries", "3"));
    }

    @Test
    void absentDefaultIsEmptyWithLineZero() {
        IniFile file = parse("[s]\n");

        assertThat(file.defaults().values()).isEmpty();
        assertThat(file.defaults().line()).isZero();
        assertThat(file.defaults().name()).isEqualTo("DEFAULT");
    }

    @Test
    void crlfAndLoneCrLineEndingsAreAccepted() {
        IniFile crlf = parse("[s]\r\na = 1\r\nb = 2\r\n  more\r\n");
        IniFile cr = parse("[s]\ra = 1\rb = 2\r");

        assertThat(section(crlf, "s").values()).containsExactly(entry("a", "1"), entry("b", "2\nmore"));
        assertThat(section(crlf, "s").lineOf("b")).isEqualTo(3);
        assertThat(section(cr, "s").values()).containsExactly(entry("a", "1"), entry("b", "2"));
    }

    @Test
    void leadingByteOrderMarkIsIgnored() {
        IniFile file = parse("\uFEFF[s]\na = 1\n");

        assertThat(file.sectionNames()).containsExactly("s");
    }

    @Test
    void emptyTextGivesNoSections() {
        assertThat(parse("").sectionNames()).isEmpty();
        assertThat(parse("\n\n# only comments\n").sectionNames()).isEmpty();
    }

    @Test
    void sectionReportsItsSourceAndIsImmutable() {
        IniSection s = section(parse("[s]\na = 1\n"), "s");

        assertThat(s.source()).isEqualTo("app.ini");
        assertThatThrownBy(() -> s.values().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
