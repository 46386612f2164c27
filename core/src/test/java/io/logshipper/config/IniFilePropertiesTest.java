package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties that must hold for any input, not just the fixtures someone thought of. Inputs come from seeded
 * random generators, so a failure names its seed and replays exactly.
 */
class IniFilePropertiesTest {

    private static final Map<String, String> ENV = Map.of("HOME", "/h", "PW", "%(x)s%");
    private static final String[] FRAGMENTS = {
        "[", "]", "=", ":", "%", "%%", "%(", "(", ")", ")s", "%(a)", "%(a)s", "%(b)s", "a = ", "b: ", "$", "${",
        "}", "$HOME", "${PW}", "$UNSET", "#", ";", " ", "\t", "\n", "\r", "\r\n", "\uFEFF", "DEFAULT",
        "[DEFAULT]\n", "[s]\n", "a", "b", "A", "\u00e9", "\u4e2d", "\uD83D\uDE00", "\uD83D", "\u00A0", "\u2028",
        "\u0000",
    };
    private static final String[] PREFIXES = {"", "[s]\n", "[DEFAULT]\n", "[DEFAULT]\na = %(b)s\n[s]\n"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void arbitraryTextEitherParsesOrFailsWithConfigException(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(200);
            for (int j = 0; j < n; j++) {
                text.append((char) random.nextInt(0x10000));
            }
            assertOnlyConfigException(text.toString(), seed);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void textBuiltFromIniFragmentsEitherParsesOrFailsWithConfigException(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            StringBuilder text = new StringBuilder(PREFIXES[random.nextInt(PREFIXES.length)]);
            int n = random.nextInt(60);
            for (int j = 0; j < n; j++) {
                text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            assertOnlyConfigException(text.toString(), seed);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void renderedSimpleSectionsParseBackToTheSameValues(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 100; i++) {
            Map<String, Map<String, String>> sections = new LinkedHashMap<>();
            int count = random.nextInt(5);
            for (int s = 0; s < count; s++) {
                Map<String, String> values = new LinkedHashMap<>();
                int keys = random.nextInt(8);
                for (int k = 0; k < keys; k++) {
                    values.put(word(random, 1, 12), value(random));
                }
                String name = word(random, 1, 10);
                if (!name.equals("DEFAULT")) {
                    sections.put(name, values);
                }
            }
            StringBuilder text = new StringBuilder();
            sections.forEach((name, values) -> {
                text.append('[').append(name).append("]\n");
                values.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
                text.append('\n');
            });

            IniFile file = Ini.parse(text.toString());

            assertThat(file.sectionNames()).as("seed %d", seed).containsExactlyElementsOf(sections.keySet());
            sections.forEach((name, values) ->
                    assertThat(file.section(name).orElseThrow().values()).containsExactlyEntriesOf(values));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void valuesFromEnvironmentSurviveVerbatim(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 100; i++) {
            StringBuilder secret = new StringBuilder();
            int n = random.nextInt(30);
            for (int j = 0; j < n; j++) {
                secret.append((char) random.nextInt(0x10000));
            }
            String value = secret.toString();

            IniFile file = IniFile.parse("p.ini", "[s]\nv = ${SECRET}\n", name -> value);

            assertThat(file.section("s").orElseThrow().get("v")).as("seed %d", seed).contains(value);
        }
    }

    private static String word(Random random, int min, int max) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz._-";
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String value(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(20);
        for (int i = 0; i < n; i++) {
            char c = random.nextInt(10) == 0 ? '\u00e9' : (char) ('!' + random.nextInt('~' - '!' + 1));
            if (c != '%' && c != '$') {
                sb.append(c);
            }
        }
        return sb.toString().strip();
    }

    private static void assertOnlyConfigException(String text, long seed) {
        Throwable thrown = catchThrowable(() -> Ini.readAll(IniFile.parse("fuzz.ini", text, ENV::get)));

        if (thrown != null) {
            assertThat(thrown).as("seed %d, input %s", seed, text).isInstanceOf(ConfigException.class);
            assertThat(thrown.getMessage()).startsWith("fuzz.ini");
        }
    }
}
