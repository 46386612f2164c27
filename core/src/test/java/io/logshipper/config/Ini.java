package io.logshipper.config;

import java.util.Map;

/** Shared fixtures: parsing inline text under a fixed file name and environment. */
final class Ini {

    static final String SOURCE = "app.ini";

    private Ini() {
    }

    static IniFile parse(String text) {
        return IniFile.parse(SOURCE, text, Map.<String, String>of()::get);
    }

    static IniFile parse(String text, Map<String, String> environment) {
        return IniFile.parse(SOURCE, text, environment::get);
    }

    /**
     * Reads DEFAULT and every section, as a caller that uses the whole file would. Values are resolved
     * lazily, per section, so a test of a value error must read the section to see it.
     */
    static IniFile readAll(IniFile file) {
        file.defaults();
        file.sectionNames().forEach(file::section);
        return file;
    }

    static IniSection section(IniFile file, String name) {
        return file.section(name).orElseThrow();
    }
}
