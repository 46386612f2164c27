package io.logshipper.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.logshipper.WireFormat;

/**
 * What {@code aggregate} does with one Kafka record, on the polling thread: read it as {@code tail} does
 * ({@link Envelope}, {@link EntryFormatter}), filter by program, Kafka header, level and grep, hand each entry to every sink
 * and to the live feed, and count. A value that is no logshipper message is counted as malformed and written as
 * {@code tail} prints it. Holds no Kafka state.
 */
final class AggregatePipeline {

    private static final String NL = System.lineSeparator();

    private final OutputFormat format;
    private final Set<String> keys = new HashSet<>();
    private final Pattern grep;
    private final HeaderFilter headerFilter;
    private final boolean showHeaders;
    private final LevelPolicy levels;
    private final List<LogSink> sinks;
    private final AggregateStats stats;
    private final EventHub hub;
    private final SelfLog log;
    private final Set<String> warnedTopics = new HashSet<>();
    private final LogSink[] sinkArray;
    private final AggregateStats.SinkStats[] sinkStats;
    /** Entries each sink took in the message being handled, added to its stats once per message. */
    private final long[] sinkWritten;
    /** Whether a sink takes {@link SinkEntry} objects (a user's sink), not lines. */
    private final boolean entrySinks;
    /** Whether a built-in sink needs each entry's level (stdout's colours). */
    private final boolean levelForSinks;

    /**
     * @param headerFilter records must pass it ({@code --header}) to reach the sinks
     * @param showHeaders  whether a message's first written line is preceded by its headers ({@code --headers})
     */
    AggregatePipeline(OutputFormat format, List<String> programs, Pattern grep, HeaderFilter headerFilter,
                      boolean showHeaders, LevelPolicy levels, List<LogSink> sinks, AggregateStats stats,
                      EventHub hub, SelfLog log) {
        this.format = format;
        programs.forEach(p -> keys.add(WireFormat.key(p)));
        this.grep = grep;
        this.headerFilter = headerFilter;
        this.showHeaders = showHeaders;
        this.levels = levels;
        this.sinks = sinks;
        this.stats = stats;
        this.hub = hub;
        this.log = log;
        this.sinkArray = sinks.toArray(new LogSink[0]);
        this.sinkStats = new AggregateStats.SinkStats[sinkArray.length];
        for (int i = 0; i < sinkArray.length; i++) {
            sinkStats[i] = stats.sinks.get(sinkArray[i].name());
        }
        this.sinkWritten = new long[sinkArray.length];
        this.entrySinks = sinks.stream().anyMatch(s -> !(s instanceof LineSink));
        this.levelForSinks = sinks.stream().anyMatch(s -> s instanceof LineSink ls && ls.needsLevel());
    }

    void handle(ConsumerRecord<byte[], byte[]> r) {
        stats.consumedFrom(r.topic());
        Envelope message = Envelope.of(r.key(), r.value());
        // Counted like a message of another program: once, and its offset is still committed by the caller.
        if (!keys.isEmpty() && !keys.contains(message.key()) || !headerFilter.matches(r.headers())) {
            stats.filtered.incrementAndGet();
            return;
        }
        String headerLine = showHeaders ? HeaderFilter.line(format, r.headers()) + NL : null;
        if (!message.isLogshipper()) {
            foreign(r, message, headers(r), headerLine);
            return;
        }
        String program = message.program();
        // What each entry needs is decided once per message: with only built-in sinks, nobody watching /events
        // and no level rules, an entry costs its text, a level-free line and the bytes of it, nothing else.
        boolean watched = hub.watched();
        boolean asEntries = watched || entrySinks;
        boolean needLevel = asEntries || levelForSinks || !levels.writesAll();
        boolean needLogger = asEntries || levels.hasLoggerRules(program);
        Map<String, String> headers = asEntries ? headers(r) : Map.of();
        Instant time = asEntries ? Instant.ofEpochMilli(message.epochMillis()) : null;
        String head = format == OutputFormat.TEXT ? EntryFormatter.neutralise(EntryFormatter.textPrefix(message)) : "";
        String firstHead = headerLine == null ? head : headerLine + head;
        boolean lineGiven = false;
        int written = 0;
        int filteredOut = 0;
        // The plainest case: text lines of printable ASCII, copied from the Kafka value into the file as they are.
        boolean plainCopy = format == OutputFormat.TEXT && !asEntries && !needLevel && !needLogger && grep == null;
        byte[] value = message.value();
        for (int n = 0; n < message.size(); n++) {
            if (plainCopy && message.isPlain(n)) {
                String lineHead = lineGiven ? head : firstHead;
                lineGiven = true;
                for (int i = 0; i < sinkArray.length; i++) {
                    try {
                        ((LineSink) sinkArray[i]).writePlain(program, lineHead, value, message.plainStart(n),
                                message.plainEnd(n));
                        sinkWritten[i]++;
                    } catch (Exception | LinkageError | AssertionError t) {
                        sinkStats[i].failed(t);
                    }
                }
                written++;
                continue;
            }
            JsonNode entry = message.entry(n);
            String text = EntryFormatter.text(entry);
            String level = needLevel ? LevelPolicy.levelName(entry, text) : null;
            String logger = needLogger ? LevelPolicy.loggerName(entry, text) : null;
            if (!levels.accepts(program, logger, level) || grep != null && !grep.matcher(text).find()) {
                filteredOut++;
                continue;
            }
            String body = switch (format) {
                case TEXT -> text;
                case JSON -> EntryFormatter.jsonLine(message, entry);
                case RAW -> lineGiven ? null : EntryFormatter.rawLine(message);
            };
            String lineHead = lineGiven ? head : firstHead;
            lineGiven = true;
            SinkEntry e = asEntries ? new SinkEntry(program, time, level, logger, headers, text,
                    body == null ? null : lineHead + (format == OutputFormat.JSON ? body
                            : EntryFormatter.neutralise(body)),
                    r.topic(), r.partition(), r.offset(), false) : null;
            for (int i = 0; i < sinkArray.length; i++) {
                LogSink sink = sinkArray[i];
                try {
                    if (sink instanceof LineSink ls) {
                        if (body != null) {
                            ls.writeLine(program, level, lineHead, body, format != OutputFormat.JSON);
                        }
                    } else {
                        sink.write(e);
                    }
                    sinkWritten[i]++;
                } catch (Exception | LinkageError | AssertionError t) {
                    sinkStats[i].failed(t);
                }
            }
            if (watched) {
                hub.publish(e);
            }
            written++;
        }
        if (!watched) {
            hub.skip(written);
        }
        countWritten(written);
        if (filteredOut > 0) {
            stats.filtered.addAndGet(filteredOut);
        }
    }

    private void countWritten(int entries) {
        stats.written.addAndGet(entries);
        for (int i = 0; i < sinkArray.length; i++) {
            if (sinkWritten[i] > 0) {
                sinkStats[i].written.addAndGet(sinkWritten[i]);
                sinkWritten[i] = 0;
            }
        }
    }

    private void foreign(ConsumerRecord<byte[], byte[]> r, Envelope message, Map<String, String> headers,
                         String headerLine) {
        stats.malformed.incrementAndGet();
        String text = message.text() == null ? "" : message.text();
        if (grep != null && !grep.matcher(text).find()) {
            stats.filtered.incrementAndGet();
            return;
        }
        if (warnedTopics.add(r.topic())) {
            String why = EntryFormatter.whyForeign(message);
            log.warn("the message at " + EntryFormatter.neutralise(r.topic()) + "-" + r.partition() + "@"
                    + r.offset() + " is not a logshipper message (" + why + "); such messages are counted as "
                    + "malformed and written as their text");
        }
        String line = EntryFormatter.foreignLine(format, message);
        if (headerLine != null) {
            line = headerLine + line;
        }
        String program = message.hasLogKey() ? message.program() : message.key();
        deliver(new SinkEntry(program, Instant.ofEpochMilli(r.timestamp()), null, null, headers, text, line,
                r.topic(), r.partition(), r.offset(), true));
    }

    private void deliver(SinkEntry e) {
        for (LogSink sink : sinks) {
            AggregateStats.SinkStats s = stats.sinks.get(sink.name());
            try {
                sink.write(e);
                s.written.incrementAndGet();
            } catch (Exception | LinkageError | AssertionError t) {
                s.failed(t);
            }
        }
        stats.written.incrementAndGet();
        hub.publish(e);
    }

    /** The SSE payload: program, time, level, logger, text, and where it came from. */
    static String eventJson(SinkEntry e) {
        ObjectNode o = Envelope.JSON.createObjectNode();
        o.put("program", e.program());
        o.put("time", e.time().toString());
        o.put("level", e.level());
        o.put("logger", e.logger());
        o.put("text", e.text());
        o.put("topic", e.topic());
        o.put("partition", e.partition());
        o.put("offset", e.offset());
        if (e.malformed()) {
            o.put("malformed", true);
        }
        return o.toString();
    }

    /**
     * Flushes every sink.
     *
     * @return whether every sink flushed; only then may offsets be committed
     */
    boolean flushAll() {
        boolean ok = true;
        for (LogSink sink : sinks) {
            try {
                sink.flush();
            } catch (Exception | LinkageError | AssertionError t) {
                stats.sinks.get(sink.name()).failed(t);
                ok = false;
            }
        }
        return ok;
    }

    /**
     * Ends a poll's batch: stdout is flushed at once, so people and {@code docker logs} see entries without
     * waiting for the commit interval (files are still forced only per interval). Offsets still wait for
     * {@link #flushAll()}.
     */
    void endOfBatch() {
        for (LogSink sink : sinks) {
            if (sink instanceof StdoutSink stdout) {
                stdout.soonFlush();
            }
        }
    }

    /** Closes every sink, counting failures. */
    void closeAll() {
        for (LogSink sink : sinks) {
            try {
                sink.close();
            } catch (Exception | LinkageError | AssertionError t) {
                stats.sinks.get(sink.name()).failed(t);
            }
        }
    }

    private static Map<String, String> headers(ConsumerRecord<?, ?> r) {
        Header[] all = r.headers().toArray();
        if (all.length == 0) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : all) {
            out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return Collections.unmodifiableMap(out);
    }

    static List<String> names(List<LogSink> sinks) {
        List<String> out = new ArrayList<>();
        sinks.forEach(s -> out.add(s.name()));
        return out;
    }
}
