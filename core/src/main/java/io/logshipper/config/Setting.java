package io.logshipper.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One of logshipper's own settings, defined once in {@link Settings}: its name in every front door, its
 * {@link Kind}, its default and what it does. A front door only maps its spelling onto the definition:
 *
 * <ul>
 *   <li>the Java builder and its error messages use {@link #name()}, e.g. {@code maxBufferedEntries};</li>
 *   <li>the Logback appender has the element {@code <maxBufferedEntries>}, the Log4j2 appender the attribute
 *       {@code maxBufferedEntries};</li>
 *   <li>the INI file has the key {@link #iniKey()}, the name in lower case with dots between the words
 *       ({@code max.buffered.entries});</li>
 *   <li>a few settings also have a host-application {@link #flag()}, e.g. {@code --log_interval_secs}.</li>
 * </ul>
 *
 * @param <T> the type of its values
 */
public final class Setting<T> {

    private final String name;
    private final String iniKey;
    private final Kind<T> kind;
    private final T defaultValue;
    private final String defaultText;
    private final String flag;
    private final String alias;
    private final String doc;
    private final boolean kafka;
    private final Set<FrontDoor> doors;

    private Setting(Builder<T> b) {
        this.name = b.name;
        this.iniKey = iniKeyOf(b.name);
        this.kind = b.kind;
        this.defaultValue = b.defaultValue;
        this.defaultText = b.defaultText;
        this.flag = b.flag;
        this.alias = b.alias;
        this.doc = b.doc;
        this.kafka = b.kafka;
        EnumSet<FrontDoor> d = b.doors == null ? EnumSet.of(FrontDoor.BUILDER, FrontDoor.INI, FrontDoor.LOGBACK,
                FrontDoor.LOG4J2) : EnumSet.copyOf(b.doors);
        if (b.flag != null) {
            d.add(FrontDoor.FLAG);
        }
        this.doors = Collections.unmodifiableSet(d);
    }

    static <T> Builder<T> define(String name, Kind<T> kind) {
        return new Builder<>(name, kind);
    }

    /** The builder's, the Logback element's and the Log4j2 attribute's name, e.g. {@code maxBufferedEntries}. */
    public String name() {
        return name;
    }

    /** The key in the INI file's {@code [log]} section, e.g. {@code max.buffered.entries}. */
    public String iniKey() {
        return iniKey;
    }

    /** Another INI key accepted for it (OpenMSIStream's own name), if any. */
    public Optional<String> iniAlias() {
        return Optional.ofNullable(alias);
    }

    /** The host-application flag, e.g. {@code --log_interval_secs}, if it has one. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    /** What values it takes. */
    public Kind<T> kind() {
        return kind;
    }

    /** Its default, or null when it has none (required, or off unless given). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the documentation states it. */
    public String defaultText() {
        return defaultText != null ? defaultText : defaultValue == null ? "none" : kind.format(defaultValue);
    }

    /** What it does, one sentence. */
    public String doc() {
        return doc;
    }

    /** Whether it is also a Kafka producer setting (the bootstrap servers), stored with the producer's settings. */
    public boolean isKafkaSetting() {
        return kafka;
    }

    /** The front doors that take it; most take every setting. */
    public Set<FrontDoor> frontDoors() {
        return doors;
    }

    /** Whether {@code door} takes it. */
    public boolean isIn(FrontDoor door) {
        return doors.contains(door);
    }

    /** Its name as {@code door} spells it: {@code <maxBufferedEntries>}, {@code max.buffered.entries}, .... */
    public String spelledFor(FrontDoor door) {
        return door.spell(this);
    }

    /** Parses and checks a value as written; the error carries only the reason, see {@link Kind#parse}. */
    public T parse(String text) {
        return kind.parse(text);
    }

    @Override
    public String toString() {
        return name;
    }

    /** {@code maxBufferedEntries} becomes {@code max.buffered.entries}. */
    static String iniKeyOf(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('.').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** Collects a definition; see {@link Settings}. */
    static final class Builder<T> {
        private final String name;
        private final Kind<T> kind;
        private T defaultValue;
        private String defaultText;
        private String flag;
        private String alias;
        private String doc = "";
        private boolean kafka;
        private List<FrontDoor> doors;

        private Builder(String name, Kind<T> kind) {
            this.name = Objects.requireNonNull(name);
            this.kind = Objects.requireNonNull(kind);
        }

        Builder<T> byDefault(T value) {
            this.defaultValue = value;
            return this;
        }

        Builder<T> byDefault(T value, String asDocumented) {
            this.defaultValue = value;
            this.defaultText = asDocumented;
            return this;
        }

        Builder<T> defaultText(String asDocumented) {
            this.defaultText = asDocumented;
            return this;
        }

        Builder<T> flag(String flag) {
            this.flag = flag;
            return this;
        }

        Builder<T> iniAlias(String alias) {
            this.alias = alias;
            return this;
        }

        Builder<T> only(FrontDoor... doors) {
            this.doors = List.of(doors);
            return this;
        }

        Builder<T> kafka() {
            this.kafka = true;
            return this;
        }

        Setting<T> doc(String doc) {
            this.doc = doc;
            return new Setting<>(this);
        }
    }
}
