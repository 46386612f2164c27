package io.logshipper.config;

import static io.logshipper.config.Ini.section;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IniInterpolationTest {

    @Test
    void dollarNameAndBracedNameAreReplacedFromEnvironment() {
        IniFile file = Ini.parse("[s]\na = $USER_NAME\nb = ${_HOME2}\n",
                Map.of("USER_NAME", "alice", "_HOME2", "/home/alice"));

        assertThat(section(file, "s").get("a")).contains("alice");
        assertThat(section(file, "s").get("b")).contains("/home/alice");
    }

    @Test
    void valuesThatOnlyContainDollarAreLeftAlone() {
        IniSection s = section(Ini.parse("""
                [s]
                a = price $5
                b = $HOME/logs
                c = ${HOME
                d = $1ABC
                e = $
                """, Map.of("HOME", "/h")), "s");

        assertThat(s.values()).containsValues("price $5", "$HOME/logs", "${HOME", "$1ABC", "$");
    }

    @Test
    void unsetVariableNamesVariableKeySectionAndLine() {
        ConfigException e = IniFileErrorTest.failureAt(
                "[DEFAULT]\n\n[broker]\nsasl.mechanism = PLAIN\n\n\nsasl.password = ${KAFKA_PASSWORD}\n", 7);

        assertThat(e.getMessage()).isEqualTo(
                "app.ini:7: environment variable 'KAFKA_PASSWORD' (used by 'sasl.password' in [broker]) is not set");
    }

    @Test
    void environmentValuesAreNotInterpolated() {
        IniFile file = Ini.parse("[s]\npassword = $PW\nurl = x:%(password)s\n", Map.of("PW", "p%(x)s%"));

        assertThat(section(file, "s").get("password")).contains("p%(x)s%");
        assertThat(section(file, "s").get("url")).contains("x:p%(x)s%");
    }

    @Test
    void referencesResolveWithinSectionAndDefaultIncludingLaterKeys() {
        IniFile file = Ini.parse("""
                [DEFAULT]
                dir = /var/log
                file = %(dir)s/%(name)s.log
                [app]
                path = %(file)s
                name = shipper
                """);

        assertThat(section(file, "app").get("path")).contains("/var/log/shipper.log");
        assertThat(section(file, "app").get("file")).contains("/var/log/shipper.log");
    }

    @Test
    void defaultValueReferringToSectionOnlyKeyStaysRawInDefaults() {
        IniFile file = Ini.parse("[DEFAULT]\nfile = %(name)s.log\n[app]\nname = a\n");

        assertThat(file.defaults().get("file")).contains("%(name)s.log");
        assertThat(section(file, "app").get("file")).contains("a.log");
    }

    @Test
    void referenceNamesAreCaseInsensitive() {
        IniSection s = section(Ini.parse("[s]\nHost = h\nurl = %(HOST)s:1\n"), "s");

        assertThat(s.get("url")).contains("h:1");
    }

    @Test
    void doublePercentIsLiteralPercent() {
        IniSection s = section(Ini.parse("[s]\nratio = 50%%\nx = %%(not)s\n"), "s");

        assertThat(s.get("ratio")).contains("50%");
        assertThat(s.get("x")).contains("%(not)s");
    }

    @Test
    void lonePercentIsErrorNamingKeyAndLine() {
        ConfigException e = IniFileErrorTest.failureAt("[s]\nok = 1\nratio = 50%\n", 3);

        assertThat(e.detail()).contains("'ratio'", "[s]");
    }

    @Test
    void malformedReferencesAreErrors() {
        IniFileErrorTest.failureAt("[s]\na = %(b)\nb = 1\n", 2);
        IniFileErrorTest.failureAt("[s]\na = %()s\n", 2);
        IniFileErrorTest.failureAt("[s]\na = %(b\n", 2);
        IniFileErrorTest.failureAt("[s]\na = %d\n", 2);
    }

    @Test
    void missingReferenceIsErrorNamingKeyReferenceAndLine() {
        ConfigException e = IniFileErrorTest.failureAt("[s]\n\nurl = %(host)s:9092\n", 3);

        assertThat(e.detail()).contains("'url'", "[s]", "'host'");
    }

    @Test
    void missingReferenceInInheritedValuePointsAtDefaultLine() {
        ConfigException e = IniFileErrorTest.failureAt("[DEFAULT]\nurl = %(host)s\n[s]\n", 2);

        assertThat(e.detail()).contains("'url'", "[DEFAULT]", "[s]", "'host'");
    }

    @Test
    void circularReferenceExceedsDepth() {
        ConfigException e = IniFileErrorTest.failureAt("[s]\na = %(b)s\nb = %(a)s\n", 2);

        assertThat(e.detail()).contains("depth", "'a'");
    }

    @Test
    void chainOfTenReferencesIsAllowedButElevenIsNot() {
        StringBuilder ok = new StringBuilder("[s]\nk0 = end%%\n");
        for (int i = 1; i <= 11; i++) {
            ok.append('k').append(i).append(" = %(k").append(i - 1).append(")s\n");
        }
        // k9 needs ten nested expansions of values containing '%'; k10 needs eleven.
        ConfigException e = IniFileErrorTest.failureAt(ok.toString(), 12);

        assertThat(e.detail()).contains("'k10'");
        String withoutK10 = ok.toString().replaceAll("(?m)^k1[01] = .*\\n", "");
        assertThat(section(Ini.parse(withoutK10), "s").get("k9")).contains("end%");
    }

    @Test
    void exponentialFanOutFailsInsteadOfHanging() {
        StringBuilder text = new StringBuilder("[s]\nk0 = %%\n");
        for (int i = 1; i <= 9; i++) {
            String ref = "%(k" + (i - 1) + ")s";
            text.append('k').append(i).append(" = ").append(ref.repeat(30)).append('\n');
        }

        // Each key is expanded once, so only size matters: k4 (line 6) is 810,000 characters and fine,
        // k5 (line 7) would be 24,300,000 and passes the per-value limit.
        ConfigException e = IniFileErrorTest.failureAt(text.toString(), 7);

        assertThat(e.detail()).contains("'k5'", "[s]", "1048576 characters");
    }
}
