package io.logshipper.cli;

import java.time.Instant;
import java.util.Map;

/**
 * One entry as {@code logshipper aggregate} hands it to a {@link LogSink}.
 *
 * @param program   the program id from the key {@code <programId>_log}; for a value that is no logshipper
 *                  message, the key as it is (or null for a null key)
 * @param time      the message time (the envelope's {@code timestamp}); the record's time for a foreign value
 * @param level     the entry's level name as written (its {@code level} field, or the first level word of a text
 *                  entry), or null when it has none
 * @param logger    the entry's {@code logger} field, or null
 * @param headers   the Kafka record's headers, decoded as UTF-8 (the last of repeated names wins)
 * @param text      the entry's text: a text entry as it is, an object entry as
 *                  {@code time level [thread] logger - message} plus its exception's lines
 * @param line      the entry formatted as {@code --format} asks ({@code text}, {@code json} or {@code raw}),
 *                  without line end, with terminal escapes neutralised in text and raw and every line after its
 *                  first indented by two spaces ({@link EntryFormatter#neutralise}); in {@code raw} format only
 *                  the first written entry of a Kafka message carries the message's line, the others carry null;
 *                  with {@code --headers} the first written entry's line starts with the message's headers line
 *                  ({@code [headers] ...} or {@code {"headers":{...}}}) and a line separator
 * @param topic     the Kafka topic
 * @param partition the Kafka partition
 * @param offset    the Kafka offset of the message holding the entry
 * @param malformed whether the record's value was not a logshipper message (then {@code text} is the raw value)
 */
public record SinkEntry(String program, Instant time, String level, String logger, Map<String, String> headers,
                        String text, String line, String topic, int partition, long offset, boolean malformed) {
}
