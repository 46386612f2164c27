package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IniFileErrorTest {

    /**
     * Parses text and reads all its sections, which must fail, checking the error points at the given line of
     * app.ini. Syntax errors fail the parse; value errors fail when their section is read.
     */
    static ConfigException failureAt(String text, int line) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> Ini.readAll(Ini.parse(text)));
        assertThat(e).as("expected a ConfigException").isNotNull();
        assertThat(e.source()).isEqualTo("app.ini");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).startsWith("app.ini:" + line + ": ").endsWith(e.detail());
        return e;
    }

    @Test
    void keyBeforeAnySectionNamesTheKey() {
        ConfigException e = failureAt("\n# c\nacks = all\n[s]\n", 3);

        assertThat(e.detail()).contains("key 'acks' outside any section");
    }

    @Test
    void textBeforeAnySectionIsRejected() {
        assertThat(failureAt("garbage\n[s]\n", 1).detail()).contains("text outside any section");
    }

    @Test
    void unclosedHeaderIsMalformed() {
        assertThat(failureAt("[ok]\n\n[broker\n", 3).detail()).contains("malformed section header");
    }

    @Test
    void emptyHeaderIsMalformed() {
        failureAt("[]\n", 1);
        failureAt("[s]\n[   ]\n", 2);
    }

    @Test
    void textAfterHeaderIsMalformed() {
        failureAt("[s] trailing\n", 1);
    }

    @Test
    void lineWithoutDelimiterIsMalformed() {
        ConfigException e = failureAt("[producer]\na = 1\njust words\n", 3);

        assertThat(e.detail()).contains("malformed line", "[producer]");
    }

    @Test
    void emptyKeyIsMalformed() {
        assertThat(failureAt("[s]\n = value\n", 2).detail()).contains("empty key");
        failureAt("[s]\n: value\n", 2);
    }

    @Test
    void duplicateSectionNamesBothLines() {
        ConfigException e = failureAt("[a]\n\n[broker]\nx = 1\n[broker]\n", 5);

        assertThat(e.detail()).isEqualTo("duplicate section [broker] (first defined at line 3)");
    }

    @Test
    void duplicateKeyNamesBothLines() {
        String text = """
                [DEFAULT]
                x = 1
                [producer]
                # comment



                linger.ms = 5
                acks = 1
                ACKS = all
                """;

        ConfigException e = failureAt(text, 10);

        assertThat(e.detail()).isEqualTo("duplicate key 'acks' in [producer] (first defined at line 9)");
    }

    @Test
    void duplicateKeyIsCaughtWhileFirstValueIsStillContinuing() {
        failureAt("[s]\na = 1\n  more\nA = 2\n", 4);
    }

    @Test
    void reopenedDefaultMergesButStillRejectsDuplicateKeys() {
        IniFile ok = Ini.parse("[DEFAULT]\na = 1\n[s]\n[DEFAULT]\nb = 2\n");
        assertThat(ok.section("s").orElseThrow().values()).containsOnlyKeys("a", "b");

        failureAt("[DEFAULT]\na = 1\n[s]\n[DEFAULT]\na = 2\n", 5);
    }

    @Test
    void errorWithoutLineHasSourceOnlyPrefix() {
        ConfigException e = new ConfigException("x.ini", 0, "boom");

        assertThat(e.getMessage()).isEqualTo("x.ini: boom");
        assertThat(e.line()).isZero();
        assertThat(new ConfigException("x.ini", 4, "boom").getMessage()).isEqualTo("x.ini:4: boom");
    }

    @Test
    void loadingMissingFileNamesThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.ini");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> IniFile.load(missing));

        assertThat(e.getMessage()).startsWith(missing + ": ").contains("not found");
        assertThat(e.line()).isZero();
    }

    @Test
    void loadingDirectoryFailsNamingThePath(@TempDir Path dir) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> IniFile.load(dir));

        assertThat(e.getMessage()).startsWith(dir + ": ");
    }

    @Test
    void loadingInvalidUtf8FailsNamingThePathAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.ini");
        Files.write(file, new byte[] {'[', 's', ']', '\n', 'a', '=', (byte) 0xC3, '\n'});

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> IniFile.load(file));

        assertThat(e.getMessage()).isEqualTo(file + ":2: config file is not valid UTF-8");
    }

    @Test
    void loadReadsUtf8WithBomAndUsesPathAsSource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.ini");
        Files.writeString(file, "\uFEFF[s]\r\nname = caf\u00e9\r\n");

        IniFile ini = IniFile.load(file);

        assertThat(ini.source()).isEqualTo(file.toString());
        assertThat(ini.section("s").orElseThrow().get("name")).contains("caf\u00e9");
        assertThat(ini.section("s").orElseThrow().source()).isEqualTo(file.toString());
    }
}
