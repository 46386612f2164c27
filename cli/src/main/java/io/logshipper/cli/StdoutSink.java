package io.logshipper.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** The built-in {@code stdout} sink: one line per entry; durable once the stream is flushed. */
final class StdoutSink implements LineSink {

    private static final String NL = System.lineSeparator();
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final boolean colour;

    /** @param colour whether lines are coloured by level (only on a terminal, in text format) */
    StdoutSink(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public String name() {
        return "stdout";
    }

    @Override
    public void write(SinkEntry entry) {
        if (entry.line() == null) {
            return;
        }
        String code = colour ? colourOf(entry.level()) : null;
        out.print(code == null ? entry.line() + NL : code + entry.line() + RESET + NL);
    }

    @Override
    public void writeLine(String program, String level, String head, String body, boolean neutralise) {
        String line = head + (neutralise ? EntryFormatter.neutralise(body) : body);
        String code = colour ? colourOf(level) : null;
        out.print(code == null ? line + NL : code + line + RESET + NL);
    }

    @Override
    public boolean needsLevel() {
        return colour;
    }

    /** Pushes written lines to the stream without the durability check; failures show at {@link #flush()}. */
    void soonFlush() {
        out.flush();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        if (out.checkError()) {
            throw new IOException("stdout is closed or failing");
        }
    }

    private static String colourOf(String level) {
        if (level == null) {
            return null;
        }
        return switch (level.toUpperCase(Locale.ROOT)) {
            case "FATAL", "SEVERE", "CRITICAL", "ERROR" -> "\u001b[31m";
            case "WARN", "WARNING" -> "\u001b[33m";
            case "DEBUG", "TRACE", "FINE", "FINER", "FINEST" -> "\u001b[2m";
            default -> null;
        };
    }
}
