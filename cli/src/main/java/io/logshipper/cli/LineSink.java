package io.logshipper.cli;

import java.io.IOException;

/**
 * The built-in sinks' fast path: {@code aggregate} hands them a line as a head shared by a message's entries and
 * the entry's body, never a {@link SinkEntry}, so nothing is made per entry that the file does not need.
 */
interface LineSink extends LogSink {

    /**
     * Writes {@code head + body} and a line separator.
     *
     * @param program    the entry's program, for sinks that split by program
     * @param level      the entry's level name when {@link #needsLevel()}, else possibly null
     * @param head       already safe to print; the same instance for every entry of a message
     * @param body       the entry's part of the line
     * @param neutralise whether terminal control characters in {@code body} are to be neutralised
     *                   ({@link EntryFormatter#neutralise(String)}); false for JSON lines, which are escaped
     */
    void writeLine(String program, String level, String head, String body, boolean neutralise) throws IOException;

    /** Whether {@link #writeLine} needs the entry's level (to colour it). */
    default boolean needsLevel() {
        return false;
    }
}
