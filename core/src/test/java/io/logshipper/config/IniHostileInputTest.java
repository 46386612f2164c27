package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files built to exhaust memory, time or stack: each must end in a {@link ConfigException} naming the file and,
 * where there is one, the line, quickly. Values are resolved per section on first read, so a hostile section
 * nobody reads does not fail the file at all.
 */
class IniHostileInputTest {

    /** Tenfold references four levels deep under a long value, the shape that used to end in OutOfMemoryError. */
    private static String tenfold(String section, int baseLength) {
        StringBuilder text = new StringBuilder("[").append(section).append("]\n");
        text.append("a = ").append("x".repeat(baseLength)).append('\n');
        String previous = "a";
        for (String key : new String[] {"b", "c", "d", "e"}) {
            text.append(key).append(" = ").append(("%(" + previous + ")s").repeat(10)).append('\n');
            previous = key;
        }
        return text.toString();
    }

    @Test
    @Timeout(10)
    void megabyteOfTenfoldReferencesFailsOnTheValueLimitWhenLoaded(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String section : new String[] {"broker", "log", "consumer", "producer"}) {
            text.append(tenfold(section, 250_000));
        }
        Path file = dir.resolve("big.ini");
        Files.writeString(file, text);
        assertThat(Files.size(file)).isGreaterThan(1_000_000);

        IniFile ini = IniFile.load(file);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ini.section("log"));

        // [log] starts on line 7; b, ten copies of a's 250,000 characters, is the first value over the limit.
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.line()).isEqualTo(9);
        assertThat(e.detail()).isEqualTo("'b' in [log] expands to more than 1048576 characters"
                + " (limit 1 Mi per value); check %(name)s references that repeat long values");
    }

    @Test
    @Timeout(10)
    void valuesJustUnderTheValueLimitStopAtTheFileLimit() {
        // Each e is 100 * 10^4 = 1,000,000 characters; DEFAULT's chain counts again in every section.
        StringBuilder text = new StringBuilder(tenfold("DEFAULT", 100));
        for (int i = 0; i < 30; i++) {
            text.append("[s").append(i).append("]\n");
        }
        IniFile ini = Ini.parse(text.toString());

        assertThat(Ini.section(ini, "s0").get("e")).hasValueSatisfying(v -> assertThat(v).hasSize(1_000_000));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> Ini.readAll(ini));

        assertThat(e.line()).isEqualTo(6);
        assertThat(e.detail()).startsWith("expanding 'e' (from [DEFAULT], used in [s")
                .endsWith("takes this file past 16777216 expanded characters (limit 16 Mi per file);"
                        + " check %(name)s references that repeat long values");
    }

    @Test
    @Timeout(10)
    void errorsInSectionsNobodyReadsDoNotFailLoading() {
        String text = "[broker]\nbootstrap.servers = %(host)s:9092\nhost = kafka\n"
                + "[producer]\npassword = ${UNSET}\n"
                + "[app]\nurl = %(missing)s\nratio = 50%\n"
                + tenfold("huge", 500_000);

        IniFile ini = Ini.parse(text);

        assertThat(Ini.section(ini, "broker").get("bootstrap.servers")).contains("kafka:9092");
        assertThat(ini.sectionNames()).containsExactly("broker", "producer", "app", "huge");
        assertThat(ini.toString()).contains("[producer] keys=[password]", "[huge] keys=[a, b, c, d, e]");
        assertThat(catchThrowableOfType(ConfigException.class, () -> ini.section("producer")).getMessage())
                .isEqualTo("app.ini:5: environment variable 'UNSET' (used by 'password' in [producer]) is not set");
        assertThat(catchThrowableOfType(ConfigException.class, () -> ini.section("app")).line()).isEqualTo(7);
        assertThat(catchThrowableOfType(ConfigException.class, () -> ini.section("huge")).line()).isEqualTo(11);
    }

    @Test
    @Timeout(10)
    void aFailedSectionFailsTheSameWayEveryTime() {
        IniFile ini = Ini.parse("[s]\na = %(b)s\nb = %(a)s\n");

        ConfigException first = catchThrowableOfType(ConfigException.class, () -> ini.section("s"));
        ConfigException second = catchThrowableOfType(ConfigException.class, () -> ini.section("s"));

        assertThat(second).isNotSameAs(first);
        assertThat(second.getMessage()).isEqualTo(first.getMessage());
        assertThat(first.detail()).contains("'a' in [s] refers back to itself", "depth");
    }

    @Test
    @Timeout(10)
    void sectionsReadFromManyThreadsAtOnceAreResolvedOnce() throws Exception {
        IniFile ini = Ini.parse("[DEFAULT]\nhost = k\n[broker]\nurl = %(host)s:1\n[log]\nurl = %(host)s:2\n");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<IniSection>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return List.of(ini.section("broker").orElseThrow(), ini.section("log").orElseThrow(),
                            ini.defaults());
                }));
            }
            start.countDown();
            List<IniSection> firstSeen = results.get(0).get(5, TimeUnit.SECONDS);
            for (Future<List<IniSection>> result : results) {
                List<IniSection> seen = result.get(5, TimeUnit.SECONDS);
                for (int i = 0; i < seen.size(); i++) {
                    assertThat(seen.get(i)).isSameAs(firstSeen.get(i));
                }
            }
            assertThat(firstSeen.get(0).get("url")).contains("k:1");
            assertThat(firstSeen.get(1).get("url")).contains("k:2");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(10)
    void fileOverSixteenMebibytesIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.ini");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(50L * 1024 * 1024); // sparse: one 50 MB line of NUL bytes
        }

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> IniFile.load(file));

        assertThat(e.getMessage()).isEqualTo(file + ": config file is larger than 16 MiB (16777216 bytes)");
    }

    @Test
    @Timeout(10)
    void textOverSixteenMebiCharactersIsRefused() {
        String text = "[s]\na = " + "x".repeat(16 * 1024 * 1024);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> Ini.parse(text));

        assertThat(e.getMessage()).startsWith("app.ini: config text is longer than 16 Mi characters");
    }

    @Test
    @Timeout(10)
    void longLinesUnderTheCapParseQuickly() {
        String value = "v".repeat(8_000_000);
        IniFile ini = Ini.parse("[s]\nkey = " + value + "\n  " + value + "\n");

        assertThat(Ini.section(ini, "s").get("key")).hasValueSatisfying(v -> assertThat(v).hasSize(16_000_001));
        ConfigException e = IniFileErrorTest.failureAt("[s]\n" + value + "\n", 2);
        assertThat(e.getMessage()).hasSizeLessThan(200);
    }

    @Test
    @Timeout(10)
    void megabyteKeyNamesAreShortenedInEveryMessage() {
        String key = "k".repeat(1_000_000);
        String shown = "'" + "k".repeat(60) + "\u2026' (1000000 characters)";
        String section = "s".repeat(1_000_000);

        List<ConfigException> errors = List.of(
                IniFileErrorTest.failureAt(key + " = 1\n", 1),
                IniFileErrorTest.failureAt("[s]\n" + key + " = 1\n" + key + " = 2\n", 3),
                IniFileErrorTest.failureAt("[s]\n" + key + " = ${UNSET}\n", 2),
                IniFileErrorTest.failureAt("[s]\nurl = %(" + key + ")s\n", 2),
                IniFileErrorTest.failureAt("[s]\n" + key + " = 50%\n", 2),
                IniFileErrorTest.failureAt("[" + section + "]\n[" + section + "]\n", 2),
                IniFileErrorTest.failureAt("[" + section + "]\nurl = %(missing)s\n", 2));

        for (ConfigException e : errors) {
            assertThat(e.getMessage()).hasSizeLessThan(300);
        }
        assertThat(errors.get(1).detail()).isEqualTo("duplicate key " + shown + " in [s] (first defined at line 2)");
        assertThat(errors.get(3).detail()).endsWith("refers to missing key " + shown);
        assertThat(errors.get(5).detail()).startsWith("duplicate section ['" + "s".repeat(60) + "\u2026' (1000000");
    }

    @Test
    @Timeout(10)
    void controlCharactersFromBinaryFilesAreEscapedInMessages() {
        ConfigException e = IniFileErrorTest.failureAt("[s]\nk\u0000\u001b[2J = 1\nK\u0000\u001b[2J = 2\n", 3);

        assertThat(e.detail()).isEqualTo("duplicate key 'k\\u0000\\u001b[2j' in [s] (first defined at line 2)");
    }

    @Test
    @Timeout(10)
    void randomBinaryFilesFailWithALine(@TempDir Path dir) throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[64 * 1024];
            random.nextBytes(bytes);
            Path file = dir.resolve("bin" + i + ".ini");
            Files.write(file, bytes);

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> Ini.readAll(IniFile.load(file)));

            assertThat(e).as("seed 42, file %d", i).isNotNull();
            assertThat(e.line()).isPositive();
            assertThat(e.getMessage()).startsWith(file + ":" + e.line() + ": ");
        }
    }

    @Test
    @Timeout(10)
    void validUtf8WithNulBytesIsReportedByLine() {
        IniFileErrorTest.failureAt("[s]\na = 1\n\u0000\u0000\u0000\n", 3);
        IniFile ini = Ini.parse("[s]\na = x\u0000y\n");
        assertThat(Ini.section(ini, "s").get("a")).contains("x\u0000y");
    }

    @Test
    @Timeout(10)
    void longReferenceChainsAndCyclesStopAtTheDepthLimitWithoutStackOverflow() {
        StringBuilder chain = new StringBuilder("[s]\n");
        for (int i = 50_000; i > 0; i--) {
            chain.append('k').append(i).append(" = %(k").append(i - 1).append(")s\n");
        }
        chain.append("k0 = %%\n");
        ConfigException e = IniFileErrorTest.failureAt(chain.toString(), 2);
        assertThat(e.detail()).contains("depth", "'k50000'");

        StringBuilder cycle = new StringBuilder("[s]\n");
        for (int i = 0; i < 5; i++) {
            cycle.append('c').append(i).append(" = x%(c").append((i + 1) % 5).append(")s\n");
        }
        assertThat(IniFileErrorTest.failureAt(cycle.toString(), 2).detail()).contains("'c0'", "circular");
    }

    @Test
    @Timeout(10)
    void referencesToEmptyValuesCostLittleHoweverMany() {
        // 30^6 paths through the references, each expanding to nothing: each key is expanded once and reused,
        // so time follows the text, not the paths.
        StringBuilder text = new StringBuilder("[s]\nk0 =\n");
        for (int i = 1; i <= 6; i++) {
            text.append('k').append(i).append(" = ").append(("%(k" + (i - 1) + ")s").repeat(30)).append('\n');
        }

        assertThat(Ini.section(Ini.parse(text.toString()), "s").get("k6")).contains("");
    }

    @Test
    @Timeout(10)
    void moreThanTenThousandSectionsFailAtTheFirstOneTooMany() {
        StringBuilder text = new StringBuilder("[DEFAULT]\n");
        for (int i = 1; i < 10_000; i++) {
            text.append("[s").append(i).append("]\n");
        }
        assertThat(Ini.parse(text.toString()).sectionNames()).hasSize(9_999);

        text.append("[one.too.many]\n");
        ConfigException e = IniFileErrorTest.failureAt(text.toString(), 10_001);
        assertThat(e.detail()).isEqualTo("too many sections: a config file may have at most 10000");
    }

    @Test
    @Timeout(10)
    void moreThanAHundredThousandKeysFailAtTheFirstOneTooMany() {
        StringBuilder text = new StringBuilder("[s]\n");
        for (int i = 1; i <= 100_001; i++) {
            text.append('k').append(i).append("=\n");
        }

        ConfigException e = IniFileErrorTest.failureAt(text.toString(), 100_002);

        assertThat(e.detail()).startsWith("too many keys: a config file may have at most 100000");
    }

    @Test
    @Timeout(30)
    void readingEverySectionUnderAHugeDefaultStopsAtTheValueBudget() {
        StringBuilder text = new StringBuilder("[DEFAULT]\n");
        for (int i = 0; i < 90_000; i++) {
            text.append('d').append(i).append(" = 1\n");
        }
        for (int i = 0; i < 5_000; i++) {
            text.append("[s").append(i).append("]\n");
        }
        IniFile ini = Ini.parse(text.toString());

        assertThat(Ini.section(ini, "s4999").values()).hasSize(90_000);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> Ini.readAll(ini));

        // DEFAULT, s4999 and s0..s8 fit in 1,000,000 values; s9 is on line 90,011.
        assertThat(e.line()).isEqualTo(90_011);
        assertThat(e.detail()).startsWith("reading [s9] would take this file past 1000000 resolved values");
    }

    @Test
    @Timeout(10)
    void environmentValuesAreNotScannedOrCharged() {
        String huge = "%(x)s".repeat(200_000);
        IniFile ini = Ini.parse("[s]\na = $BIG\nb = ${BIG}\n", Map.of("BIG", huge));

        assertThat(Ini.section(ini, "s").get("b")).contains(huge);
    }
}
