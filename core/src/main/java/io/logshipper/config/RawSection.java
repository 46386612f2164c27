package io.logshipper.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A section as parsed, before values are resolved. Mutable only while the parser fills it.
 */
final class RawSection {

    private final String name;
    private final int line;
    private final Map<String, RawEntry> entries = new LinkedHashMap<>();

    RawSection(String name, int line) {
        this.name = name;
        this.line = line;
    }

    String name() {
        return name;
    }

    int line() {
        return line;
    }

    Map<String, RawEntry> entries() {
        return entries;
    }
}
