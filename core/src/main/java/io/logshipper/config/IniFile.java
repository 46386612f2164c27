package io.logshipper.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One parsed INI file, read with the rules of Python's {@code configparser} (basic
 * interpolation, {@code [DEFAULT]} inheritance, multi-line values) plus whole-value
 * {@code $VAR} / {@code ${VAR}} environment substitution. Immutable and safe to share between threads.
 *
 * <p>The syntax of the whole file is checked when it is parsed. Values are resolved (environment
 * substitution, then interpolation) per section, the first time {@link #section} or {@link #defaults}
 * asks for it, and the result is kept: an unset variable or a bad {@code %(name)s} in a section nobody
 * reads does not stop the file from loading. Asking again for a section that failed throws the same error.
 *
 * <p>Every problem is reported as a {@link ConfigException} naming the source and line; a hostile or
 * corrupt file fails that way too, never with an OutOfMemoryError, a stack overflow or a hang. Limits:
 * <ul>
 *   <li>a file of at most 16 MiB ({@link #load}) or text of at most 16 Mi characters ({@link #parse});</li>
 *   <li>at most 10,000 sections and 100,000 keys per file;</li>
 *   <li>{@code %(name)s} nested at most 10 deep, as configparser;</li>
 *   <li>one value that uses {@code %} expands to at most 1 Mi (1,048,576) characters;</li>
 *   <li>all such values of one file expand to at most 16 Mi characters together, counted in every section
 *       read; resolving sections scans at most 64 Mi characters of such values and holds at most 1,000,000
 *       values per file (all three count a {@code [DEFAULT]} value again in each section that inherits it;
 *       one section, and the sections logshipper reads, are always within the last two).</li>
 * </ul>
 */
public final class IniFile {

    /** Largest file {@link #load} reads. */
    static final int MAX_FILE_BYTES = IniParser.MAX_TEXT_CHARS;

    private final String source;
    private final Map<String, RawSection> raw;
    private final ValueResolver resolver;

    private IniFile(String source, Map<String, RawSection> raw, Function<String, String> environment) {
        this.source = source;
        this.raw = raw;
        this.resolver = new ValueResolver(source, raw, environment);
    }

    /**
     * Reads and parses a UTF-8 file (a leading byte order mark is ignored), taking
     * environment variables from {@link System#getenv(String)}.
     *
     * @param file the file to read; its string form becomes the {@link #source()}
     * @return the parsed file
     * @throws ConfigException if the file cannot be read, is larger than 16 MiB, is not UTF-8, or is invalid
     */
    public static IniFile load(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        return parse(source, decode(source, read(file, source)), System::getenv);
    }

    private static byte[] read(Path file, String source) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
                throw tooLarge(source);
            }
            // Bounded even when the size lied: a growing file, a pipe, /dev/zero.
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw tooLarge(source);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, 0, "config file not found");
        } catch (IOException | SecurityException e) {
            throw new ConfigException(source, 0, "cannot read config file (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ConfigException tooLarge(String source) {
        return new ConfigException(source, 0, "config file is larger than 16 MiB (" + MAX_FILE_BYTES + " bytes)");
    }

    /** Decodes strictly, so a mis-encoded file fails loudly, at its first bad byte, instead of yielding U+FFFD. */
    private static String decode(String source, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new ConfigException(source, lineAt(bytes, in.position()), "config file is not valid UTF-8");
        }
        return out.flip().toString();
    }

    /** The 1-based line holding byte {@code offset}, counting line ends as the parser does. */
    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }

    /**
     * Parses INI text.
     *
     * @param source      name used in error messages, typically the file name
     * @param text        the file contents; {@code \n}, {@code \r\n} and {@code \r} all end lines
     * @param environment looks up environment variables; returns null for an unset variable. It is called
     *                    when a section is first read, possibly later and from another thread, never
     *                    concurrently with itself for this file
     * @return the parsed file
     * @throws ConfigException if the text is longer than 16 Mi characters or its syntax is invalid; errors
     *                         in values are thrown when their section is read
     */
    public static IniFile parse(String source, String text, Function<String, String> environment) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(environment, "environment");
        String name = String.valueOf(source);
        return new IniFile(name, IniParser.parse(name, text), environment);
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
        return raw.keySet().stream().filter(name -> !IniParser.DEFAULT_SECTION.equals(name)).toList();
    }

    /**
     * Tells whether a section exists; like configparser, {@code DEFAULT} does not count.
     *
     * @param name the case-sensitive section name
     * @return true if the file has a section of that name
     */
    public boolean hasSection(String name) {
        return !IniParser.DEFAULT_SECTION.equals(name) && raw.containsKey(name);
    }

    /**
     * Returns a section with its {@code [DEFAULT]} values merged in.
     *
     * @param name the case-sensitive section name; {@code DEFAULT} is reached via {@link #defaults()}
     * @return the section, or empty if the file has none of that name
     * @throws ConfigException if a value of the section (or one it inherits) cannot be resolved
     */
    public Optional<IniSection> section(String name) {
        return hasSection(name) ? Optional.of(resolver.section(name)) : Optional.empty();
    }

    /**
     * Returns the {@code [DEFAULT]} section. Values that refer to keys defined only in other
     * sections are returned uninterpolated, as configparser's {@code defaults()} would.
     *
     * @return the DEFAULT section, empty with line 0 if the file has none
     * @throws ConfigException if a DEFAULT value cannot be resolved
     */
    public IniSection defaults() {
        return resolver.defaults();
    }

    /**
     * Describes the file by section names and keys only, never values: {@code [DEFAULT]} first, then each
     * section with the keys it defines itself (inherited ones are listed once, under DEFAULT). Resolves
     * nothing, so it never throws, even for a file whose sections would fail to resolve.
     *
     * @return a value-free description
     */
    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        RawSection rawDefaults = raw.get(IniParser.DEFAULT_SECTION);
        if (rawDefaults != null) {
            all.add(IniSection.describe(rawDefaults.name(), rawDefaults.entries().keySet()));
        }
        for (RawSection section : raw.values()) {
            if (section != rawDefaults) {
                all.add(IniSection.describe(section.name(), section.entries().keySet()));
            }
        }
        return "IniFile(" + source + ") " + String.join(", ", all);
    }
}
