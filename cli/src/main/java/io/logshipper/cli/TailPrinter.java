package io.logshipper.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.WireFormat;

/**
 * Applies {@code tail}'s filters to one Kafka message and prints what passes, in the chosen format. Holds no
 * Kafka state, so it can be reasoned about (and tested) apart from the consumer loop.
 */
final class TailPrinter {

    private static final String NL = System.lineSeparator();

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;
    private final Set<String> keys;
    private final Pattern grep;
    private final EntryFormatter formatter;
    /** A line to print before the next line of output (a message's headers), or null. */
    private String beforeNext;
    /** Topics already warned about, so a topic full of foreign values does not flood stderr. */
    private final Set<String> warnedTopics = new HashSet<>();

    /**
     * @param programs program ids to keep (empty: all)
     * @param grep     entries must contain a match (null: all)
     * @param colour   whether text lines are coloured by level
     */
    TailPrinter(PrintWriter out, PrintWriter err, OutputFormat format, List<String> programs, Pattern grep,
                boolean colour) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.keys = new HashSet<>();
        programs.forEach(p -> keys.add(WireFormat.key(p)));
        this.grep = grep;
        this.formatter = new EntryFormatter(colour);
    }

    /**
     * Prints the message if it passes the filters.
     *
     * @return whether anything was printed; only such messages count towards {@code --max-messages}
     */
    boolean print(String topic, int partition, long offset, byte[] key, byte[] value) {
        try {
            return printFiltered(topic, partition, offset, key, value);
        } finally {
            beforeNext = null;
        }
    }

    /** Prints {@code line} before the next message's first line, if that message prints anything. */
    void beforeNextLine(String line) {
        beforeNext = line;
    }

    private void emit(String line) {
        if (beforeNext != null) {
            out.print(beforeNext + NL);
            beforeNext = null;
        }
        out.print(line + NL);
    }

    private boolean printFiltered(String topic, int partition, long offset, byte[] key, byte[] value) {
        Envelope message = Envelope.of(key, value);
        if (!keys.isEmpty() && !keys.contains(message.key())) {
            return false;
        }
        if (!message.isLogshipper()) {
            return printForeign(topic, partition, offset, message);
        }
        if (format == OutputFormat.RAW) {
            if (grep != null && message.entries().stream().noneMatch(this::matches)) {
                return false;
            }
            emit(EntryFormatter.neutralise(EntryFormatter.rawLine(message)));
            return true;
        }
        boolean printed = false;
        for (JsonNode entry : message.entries()) {
            if (!matches(entry)) {
                continue;
            }
            String line = format == OutputFormat.JSON
                    ? EntryFormatter.jsonLine(message, entry)
                    : formatter.textLine(message, entry);
            emit(line);
            printed = true;
        }
        return printed;
    }

    private boolean printForeign(String topic, int partition, long offset, Envelope message) {
        String text = message.text() == null ? "" : message.text();
        if (grep != null && !grep.matcher(text).find()) {
            return false;
        }
        if (warnedTopics.add(topic)) {
            String why = EntryFormatter.whyForeign(message);
            err.println("logshipper tail: warning: the message at " + topic + "-" + partition + "@" + offset
                    + " is not a logshipper message (" + why + "); such messages in " + topic
                    + " are printed as their text");
            err.flush();
        }
        String line = EntryFormatter.foreignLine(format, message);
        emit(line);
        return true;
    }

    private boolean matches(JsonNode entry) {
        return grep == null || grep.matcher(EntryFormatter.text(entry)).find();
    }
}
