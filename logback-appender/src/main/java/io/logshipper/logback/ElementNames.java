package io.logshipper.logback;

import java.util.List;
import java.util.Map;

/**
 * Maps a core validation message to the XML element the user has to fix. The core names its settings by their
 * builder names, which are not always the element names (closeTimeout vs {@code <closeTimeoutSecs>}), and Kafka
 * settings arrive through {@code <producerConfig>} unless they are the bootstrap servers.
 */
final class ElementNames {

    /** Builder setting name (as the core's messages start) to element; longest prefixes first. */
    private static final List<Map.Entry<String, String>> PREFIXES = List.of(
            Map.entry("topic", "topic"),
            Map.entry("programId", "programId"),
            Map.entry("interval", "intervalSecs"),
            Map.entry("bootstrapServers", "bootstrapServers"),
            Map.entry("entryFormat", "entryFormat"),
            Map.entry("maxBufferedEntries", "maxBufferedEntries"),
            Map.entry("maxBufferedBytes", "maxBufferedBytes"),
            Map.entry("maxMessageBytes", "maxMessageBytes"),
            Map.entry("closeTimeout", "closeTimeoutSecs"),
            Map.entry("sendWhenIdle", "sendWhenIdle"));

    private ElementNames() {
    }

    /** The element (without brackets) a message from the core's validation is about. */
    static String forMessage(String message) {
        String m = message == null ? "" : message;
        for (Map.Entry<String, String> e : PREFIXES) {
            if (m.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        if (m.contains("'bootstrap.servers'")) {
            return "bootstrapServers";
        }
        // Everything else the core validates is a Kafka producer setting, which only <producerConfig> sets.
        return "producerConfig";
    }
}
