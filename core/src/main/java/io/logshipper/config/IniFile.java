package io.logshipper.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One parsed INI file, read with the rules of Python's {@code configparser} (basic
 * interpolation, {@code [DEFAULT]} inheritance, multi-line values) plus whole-value
 * {@code $VAR} / {@code ${VAR}} environment substitution. Immutable.
 *
 * <p>Every problem is reported as a {@link ConfigException} naming the source and line.
 */
public final class IniFile {

    private final String source;
    private final IniSection defaults;
    private final Map<String, IniSection> sections;

    IniFile(String source, IniSection defaults, Map<String, IniSection> sections) {
        this.source = source;
        this.defaults = defaults;
        this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /**
     * Reads and parses a UTF-8 file (a leading byte order mark is ignored), taking
     * environment variables from {@link System#getenv(String)}.
     *
     * @param file the file to read; its string form becomes the {@link #source()}
     * @return the parsed file
     * @throws ConfigException if the file cannot be read, is not UTF-8, or is invalid
     */
    public static IniFile load(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, 0, "config file not found");
        } catch (IOException | SecurityException e) {
            throw new ConfigException(source, 0, "cannot read config file (" + e.getClass().getSimpleName() + ")");
        }
        String text;
        try {
            // A strict decoder, so a mis-encoded file fails loudly instead of yielding U+FFFD.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, 0, "config file is not valid UTF-8");
        }
        return parse(source, text, System::getenv);
    }

    /**
     * Parses INI text.
     *
     * @param source      name used in error messages, typically the file name
     * @param text        the file contents; {@code \n}, {@code \r\n} and {@code \r} all end lines
     * @param environment looks up environment variables; returns null for an unset variable
     * @return the parsed file
     * @throws ConfigException if the text is not a valid config file
     */
    public static IniFile parse(String source, String text, Function<String, String> environment) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(environment, "environment");
        String name = String.valueOf(source);
        return ValueResolver.resolve(name, IniParser.parse(name, text), environment);
    }

    /**
     * Returns the name used in error messages.
     *
     * @return the source given to {@link #parse} or the path given to {@link #load}
     */
    public String source() {
        return source;
    }

    /**
     * Lists the sections in file order.
     *
     * @return unmodifiable list of section names, excluding {@code DEFAULT}
     */
    public List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    /**
     * Tells whether a section exists; like configparser, {@code DEFAULT} does not count.
     *
     * @param name the case-sensitive section name
     * @return true if the file has a section of that name
     */
    public boolean hasSection(String name) {
        return sections.containsKey(name);
    }

    /**
     * Returns a section with its {@code [DEFAULT]} values merged in.
     *
     * @param name the case-sensitive section name; {@code DEFAULT} is reached via {@link #defaults()}
     * @return the section, or empty if the file has none of that name
     */
    public Optional<IniSection> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /**
     * Returns the {@code [DEFAULT]} section. Values that refer to keys defined only in other
     * sections are returned uninterpolated, as configparser's {@code defaults()} would.
     *
     * @return the DEFAULT section, empty with line 0 if the file has none
     */
    public IniSection defaults() {
        return defaults;
    }

    /**
     * Describes the file by section names and keys only, never values.
     *
     * @return a value-free description
     */
    @Override
    public String toString() {
        List<IniSection> all = new ArrayList<>();
        if (defaults.line() > 0) {
            all.add(defaults);
        }
        all.addAll(sections.values());
        return "IniFile(" + source + ") "
                + all.stream().map(IniSection::toString).collect(Collectors.joining(", "));
    }
}
