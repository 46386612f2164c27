package io.logshipper.cli;

import java.util.Map;

/**
 * Where {@code logshipper aggregate} writes entries: the built-in {@code stdout} and file sinks, or a class of
 * yours found through {@link java.util.ServiceLoader} on the class path (a line with its class name in
 * {@code META-INF/services/io.logshipper.cli.LogSink}) and chosen with {@code --sink NAME}.
 *
 * <p>Every method is called on the aggregator's one polling thread, never concurrently. The contract that keeps
 * "nothing lost between Kafka and the sink" is {@link #flush()}: when it returns normally, everything this sink
 * was handed so far is durable (written to disk, acknowledged by the remote end). The aggregator commits a Kafka
 * offset only after every sink's flush returned normally. A sink that throws is counted and reported in
 * {@code /healthcheck}; it never stops the other sinks. A flush that throws holds the commit back until a later
 * flush succeeds, so after a restart such entries are handed over again (at least once, never lost).
 *
 * <p>Keep {@link #write} cheap (buffer, don't send per entry); a write or flush that blocks stalls the whole
 * aggregator, which {@code /healthcheck} then reports as a stuck poll loop.
 */
public interface LogSink {

    /**
     * The name users type after {@code --sink}; also the sink's name in {@code /healthcheck} and {@code /metrics}.
     *
     * @return a short lower-case name such as {@code webhook}
     */
    String name();

    /**
     * Called once before the first entry.
     *
     * @param options the {@code --sink-option NAME.KEY=VALUE} options given for this sink, keyed by KEY
     * @throws Exception when the sink cannot start; the aggregator then exits with a usage error naming the sink
     */
    default void open(Map<String, String> options) throws Exception {
    }

    /**
     * Takes one entry. It need not be durable before {@link #flush()}.
     *
     * @param entry the entry, already filtered by program, level and grep
     * @throws Exception when the entry could not be taken; it is counted as this sink's error
     */
    void write(SinkEntry entry) throws Exception;

    /**
     * Makes every entry handed to {@link #write} so far durable; returns only when it is.
     *
     * @throws Exception when that cannot be promised; the aggregator then does not commit
     */
    void flush() throws Exception;

    /**
     * Called once at shutdown, after the last {@link #flush()}.
     *
     * @throws Exception ignored apart from being counted
     */
    default void close() throws Exception {
    }
}
