package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Values may be secrets: they must never reach exception messages or toString output. */
class IniSecretLeakTest {

    private static final String SECRET = "s3cr3t";

    private static final String GOOD = """
            [DEFAULT]
            token = s3cr3t
            [broker]
            sasl.password = s3cr3t
            jaas = login password="s3cr3t"
              s3cr3t continued
            """;

    @Test
    void toStringShowsSectionsAndKeysButNoValues() {
        IniFile file = Ini.parse(GOOD);

        assertThat(file.toString()).contains("broker", "sasl.password", "jaas", "token").doesNotContain(SECRET);
        assertThat(file.section("broker").orElseThrow().toString()).contains("sasl.password").doesNotContain(SECRET);
        assertThat(file.defaults().toString()).contains("token").doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "s3cr3t\n",                          // secret text outside any section
        "[broker]\ns3cr3t\n",                // secret as a malformed line
        "[broker]\n[s3cr3t\n",               // broken header
        "[broker]\n[s3cr3t] s3cr3t\n",       // header with junk
        "[broker]\nsasl.password = s3cr3t\nSASL.PASSWORD = s3cr3t\n",
        "[broker]\nsasl.password = s3cr3t%\n",
        "[broker]\nsasl.password = s3cr3t%(\n",
        "[broker]\nsasl.password = s3cr3t%(x)\n",
        "[broker]\nsasl.password = s3cr3t%q\n",
        "[broker]\nsasl.password = s3cr3t\nbroken line\n",
        "[broker]\nsasl.password = s3cr3t\n[broker]\n",
        "[broker]\nsasl.password = s3cr3t\nx = %(sasl.password)s%(missing)s\n",
        "[broker]\na = s3cr3t%(b)s\nb = s3cr3t%(a)s\n",
        "[broker]\nsasl.password = s3cr3t\ncopy = %(sasl.password)s%\n",
        "[broker]\nsasl.password = ${UNSET}\n",
    })
    void secretNeverAppearsInErrorMessages(String tail) {
        String text = GOOD.replace("[broker]", "[main]") + tail;

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> Ini.readAll(Ini.parse(text, Map.of("PW", SECRET))));

        assertThat(e).as("fixture must fail: %s", tail).isNotNull();
        assertThat(e.getMessage()).startsWith("app.ini:").doesNotContain(SECRET);
        assertThat(e.detail()).doesNotContain(SECRET);
    }

    @Test
    void secretFromEnvironmentNeverAppearsInLaterErrors() {
        String text = "[broker]\nsasl.password = $PW\nuser = %(sasl.password)s %bad\n";

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> Ini.readAll(Ini.parse(text, Map.of("PW", SECRET))));

        assertThat(e.getMessage()).contains("app.ini:3:", "'user'").doesNotContain(SECRET);
    }
}
