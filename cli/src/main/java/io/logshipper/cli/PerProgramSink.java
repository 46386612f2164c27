package io.logshipper.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@code --output-per-program DIR} sink: one file per program, {@code DIR/<program>.log}, each
 * rotated like {@link FileSink}. At most {@value #MAX_OPEN} files are open at once; the least recently written
 * is forced and closed to make room, so a fleet of programs cannot exhaust file descriptors.
 */
final class PerProgramSink implements LineSink {

    static final int MAX_OPEN = 128;

    private final Path dir;
    private final long rotateSize;
    private final int rotateKeep;
    private final LinkedHashMap<String, FileSink> open = new LinkedHashMap<>(16, 0.75f, true);
    /** Files evicted since the last flush: already forced, so nothing more to do for them. */
    private final List<IOException> evictionFailures = new ArrayList<>();
    /** The last program written and its file: a message's entries all go to one file. */
    private String lastProgram;
    private FileSink lastFile;

    PerProgramSink(Path dir, long rotateSize, int rotateKeep) {
        this.dir = dir;
        this.rotateSize = rotateSize;
        this.rotateKeep = rotateKeep;
    }

    @Override
    public String name() {
        return "per-program";
    }

    @Override
    public void write(SinkEntry entry) throws IOException {
        if (entry.line() == null) {
            return;
        }
        fileFor(entry.program()).write(entry);
    }

    @Override
    public void writeLine(String program, String level, String head, String body, boolean neutralise)
            throws IOException {
        fileFor(program).writeLine(program, level, head, body, neutralise);
    }

    private FileSink fileFor(String program) throws IOException {
        if (program == lastProgram && lastFile != null && lastFile.isOpen()) {
            return lastFile;
        }
        String file = fileName(program);
        FileSink sink = open.get(file);
        if (sink == null) {
            if (open.size() >= MAX_OPEN) {
                Iterator<Map.Entry<String, FileSink>> eldest = open.entrySet().iterator();
                FileSink victim = eldest.next().getValue();
                eldest.remove();
                try {
                    victim.close();
                } catch (IOException e) {
                    evictionFailures.add(e);
                }
            }
            sink = new FileSink(name(), dir.resolve(file), rotateSize, rotateKeep);
            sink.open(Map.of());
            open.put(file, sink);
        }
        lastProgram = program;
        lastFile = sink;
        return sink;
    }

    @Override
    public void flush() throws IOException {
        if (!evictionFailures.isEmpty()) {
            IOException first = evictionFailures.get(0);
            evictionFailures.clear();
            throw first;
        }
        for (FileSink sink : open.values()) {
            sink.flush();
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (FileSink sink : open.values()) {
            try {
                sink.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        open.clear();
        lastFile = null;
        if (failure != null) {
            throw failure;
        }
    }

    /** A safe file name for a program id: letters, digits, '.', '_' and '-' kept, anything else as '_'. */
    static String fileName(String program) {
        String p = program == null || program.isEmpty() ? "_" : program;
        StringBuilder sb = new StringBuilder(p.length() + 4);
        for (int i = 0; i < p.length() && i < 200; i++) {
            char c = p.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.' ? c : '_');
        }
        String name = sb.toString();
        if (name.startsWith(".")) {
            name = "_" + name.substring(1);
        }
        return name + ".log";
    }
}
