package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md holds the table {@link Settings#markdownTable()} renders from the schema, between two
 * markers, so that the documentation cannot drift from the settings. When the schema changes, paste the table
 * this test prints on failure.
 */
class SettingsTableTest {

    private static final String START = "<!-- settings table: generated from io.logshipper.config.Settings -->\n";
    private static final String END = "<!-- end of settings table -->";

    @Test
    void theDocumentationListsEverySettingAsTheSchemaDefinesIt() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("the start marker in docs/configuration.md").isNotNegative();
        assertThat(end).as("the end marker in docs/configuration.md").isGreaterThan(start);

        assertThat(doc.substring(start + START.length(), end))
                .as("the settings table in docs/configuration.md; replace it with the expected text")
                .isEqualTo(Settings.markdownTable());
    }

    @Test
    void everySettingHasItsOwnNameInEveryFrontDoor() {
        assertThat(Settings.ALL).extracting(Setting::name).doesNotHaveDuplicates();
        assertThat(Settings.ALL).extracting(Setting::iniKey).doesNotHaveDuplicates();
        for (Setting<?> s : Settings.ALL) {
            assertThat(Settings.byIniKey(s.iniKey())).contains(s);
        }
    }
}
