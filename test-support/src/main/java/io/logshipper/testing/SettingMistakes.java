package io.logshipper.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one table of setting mistakes that every front door's test feeds to its door, so that the same mistake is
 * shown to get the same reason everywhere: {@code setting-mistakes.txt} next to this class.
 */
public final class SettingMistakes {

    private static final String KAFKA = "kafka:";

    private SettingMistakes() {
    }

    /**
     * One mistake.
     *
     * @param setting the setting's builder and XML name, e.g. {@code maxBufferedEntries}
     * @param value   the value as a user writes it
     * @param reason  what every door must say after its spelling of the setting
     */
    public record Mistake(String setting, String value, String reason) {
        @Override
        public String toString() {
            return setting + " = " + value;
        }
    }

    /** The rows about logshipper's own settings. */
    public static List<Mistake> all() {
        return rows().stream().filter(m -> !m.setting().startsWith(KAFKA)).toList();
    }

    /** The rows about Kafka producer settings; {@link Mistake#setting()} is the Kafka setting's name. */
    public static List<Mistake> kafka() {
        return rows().stream().filter(m -> m.setting().startsWith(KAFKA))
                .map(m -> new Mistake(m.setting().substring(KAFKA.length()), m.value(), m.reason())).toList();
    }

    private static List<Mistake> rows() {
        try (InputStream in = SettingMistakes.class.getResourceAsStream("setting-mistakes.txt")) {
            List<Mistake> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(" \\| ", 3);
                out.add(new Mistake(cells[0].strip(), cells[1].strip(), cells[2].strip()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
