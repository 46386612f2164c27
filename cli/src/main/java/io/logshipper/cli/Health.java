package io.logshipper.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders {@link AggregateStats} as {@code /healthcheck} JSON and {@code /metrics} Prometheus text, and decides
 * UP or DOWN: DOWN while starting or stopping, when the poll loop or the broker has been silent for longer than
 * {@code unhealthyAfterNanos}, or when a sink failed within the last minute. Reads atomics only.
 */
final class Health {

    static final String MODULE = "logshipper-aggregate";
    private static final long SINK_ERROR_WINDOW_NANOS = 60_000_000_000L;

    private final AggregateStats stats;
    private final String hostname;
    private final String group;
    private final String subscription;
    private final long unhealthyAfterNanos;
    private final String version;

    Health(AggregateStats stats, String hostname, String group, String subscription, long unhealthyAfterNanos) {
        this.stats = stats;
        this.hostname = hostname;
        this.group = group;
        this.subscription = subscription;
        this.unhealthyAfterNanos = unhealthyAfterNanos;
        String v = Health.class.getPackage().getImplementationVersion();
        this.version = v == null ? "development build" : v;
    }

    /** Why the service is DOWN; empty when it is UP. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        long now = System.nanoTime();
        switch (stats.phase.get()) {
            case STARTING -> out.add("starting");
            case STOPPING -> out.add("stopping");
            default -> {
            }
        }
        long pollAge = now - stats.lastPollNanos.get();
        if (pollAge > unhealthyAfterNanos) {
            out.add("the poll loop has not come back for " + Math.round(pollAge / 1e9) + " s");
        }
        long brokerAge = now - stats.lastBrokerOkNanos.get();
        if (brokerAge > unhealthyAfterNanos) {
            out.add("no Kafka broker has answered for " + Math.round(brokerAge / 1e9) + " s");
        }
        for (AggregateStats.SinkStats s : stats.sinks.values()) {
            long at = s.lastErrorNanos.get();
            if (at != 0 && now - at < SINK_ERROR_WINDOW_NANOS) {
                out.add("sink " + s.name + " failed " + Math.round((now - at) / 1e9) + " s ago");
            }
        }
        return out;
    }

    ObjectNode report() {
        ObjectNode o = Envelope.JSON.createObjectNode();
        List<String> problems = problems();
        o.put("module", MODULE);
        o.put("hostname", hostname);
        o.put("uptime", stats.uptimeSeconds());
        o.put("status", problems.isEmpty() ? "UP" : "DOWN");
        if (!problems.isEmpty()) {
            problems.forEach(o.putArray("problems")::add);
        }
        o.put("version", version);
        o.put("group", group);
        ObjectNode sub = o.putObject("subscription");
        sub.put("subscribed", subscription);
        sub.put("topics", stats.lag.keySet().stream().map(TopicPartition::topic).distinct().count());
        sub.put("assignedPartitions", stats.lag.size());
        ObjectNode lag = o.putObject("lag");
        lag.put("total", stats.totalLag());
        lag.put("max", stats.maxLag());
        o.put("lastPollAgeSeconds", AggregateStats.secondsSince(stats.lastPollNanos.get()));
        long lastRecord = stats.lastRecordNanos.get();
        if (lastRecord == 0) {
            o.putNull("lastRecordAgeSeconds");
        } else {
            o.put("lastRecordAgeSeconds", AggregateStats.secondsSince(lastRecord));
        }
        o.put("lastBrokerContactAgeSeconds", AggregateStats.secondsSince(stats.lastBrokerOkNanos.get()));
        ObjectNode records = o.putObject("records");
        records.put("consumed", stats.consumed.get());
        records.put("malformed", stats.malformed.get());
        ObjectNode entries = o.putObject("entries");
        entries.put("written", stats.written.get());
        entries.put("filtered", stats.filtered.get());
        ObjectNode commits = o.putObject("commits");
        commits.put("done", stats.commits.get());
        commits.put("heldBack", stats.commitsHeldBack.get());
        ObjectNode sinks = o.putObject("sinks");
        for (AggregateStats.SinkStats s : stats.sinks.values()) {
            ObjectNode so = sinks.putObject(s.name);
            if (s.detail != null) {
                so.put("path", s.detail);
            }
            so.put("written", s.written.get());
            so.put("errors", s.errors.get());
            String last = s.lastError.get();
            if (last != null) {
                so.put("lastError", last);
            }
        }
        return o;
    }

    String prometheus(EventHub hub) {
        StringBuilder sb = new StringBuilder(2048);
        Map<String, Long> byTopic = new TreeMap<>();
        stats.consumedByTopic.forEach((t, n) -> byTopic.put(t, n.get()));
        header(sb, "records_consumed_total", "counter", "Kafka records consumed.");
        if (byTopic.isEmpty()) {
            sb.append("logshipper_aggregate_records_consumed_total 0\n");
        }
        byTopic.forEach((t, n) -> sample(sb, "records_consumed_total", "topic", t, n));
        header(sb, "records_malformed_total", "counter", "Records whose value is no logshipper message.");
        sample(sb, "records_malformed_total", null, null, stats.malformed.get());
        header(sb, "entries_written_total", "counter", "Entries handed to the sinks.");
        sample(sb, "entries_written_total", null, null, stats.written.get());
        header(sb, "entries_filtered_total", "counter", "Entries not written (program, level or grep).");
        sample(sb, "entries_filtered_total", null, null, stats.filtered.get());
        header(sb, "sink_entries_written_total", "counter", "Entries a sink accepted.");
        stats.sinks.values().forEach(s -> sample(sb, "sink_entries_written_total", "sink", s.name, s.written.get()));
        header(sb, "sink_errors_total", "counter", "Writes, flushes and closes a sink failed.");
        stats.sinks.values().forEach(s -> sample(sb, "sink_errors_total", "sink", s.name, s.errors.get()));
        header(sb, "commits_total", "counter", "Offset commits made after the sinks flushed.");
        sample(sb, "commits_total", null, null, stats.commits.get());
        header(sb, "commits_held_back_total", "counter", "Commits skipped because a sink failed to flush.");
        sample(sb, "commits_held_back_total", null, null, stats.commitsHeldBack.get());
        header(sb, "consumer_lag", "gauge", "Records behind the end of each assigned partition.");
        new TreeMap<String, Map.Entry<TopicPartition, Long>>(byName()).values().forEach(e -> {
            sb.append("logshipper_aggregate_consumer_lag{topic=\"").append(escape(e.getKey().topic()))
                    .append("\",partition=\"").append(e.getKey().partition()).append("\"} ")
                    .append(e.getValue()).append('\n');
        });
        header(sb, "assigned_partitions", "gauge", "Partitions assigned to this instance.");
        sample(sb, "assigned_partitions", null, null, stats.lag.size());
        header(sb, "last_poll_age_seconds", "gauge", "Seconds since the poll loop last came back.");
        sb.append("logshipper_aggregate_last_poll_age_seconds ")
                .append(AggregateStats.secondsSince(stats.lastPollNanos.get())).append('\n');
        header(sb, "uptime_seconds", "gauge", "Seconds since start.");
        sb.append("logshipper_aggregate_uptime_seconds ").append(stats.uptimeSeconds()).append('\n');
        header(sb, "up", "gauge", "1 when /healthcheck says UP.");
        sample(sb, "up", null, null, problems().isEmpty() ? 1 : 0);
        header(sb, "sse_clients", "gauge", "Connected /events clients.");
        sample(sb, "sse_clients", null, null, hub.clientCount());
        header(sb, "sse_dropped_total", "counter", "Events not sent to a slow /events client.");
        sample(sb, "sse_dropped_total", null, null, hub.droppedTotal());
        return sb.toString();
    }

    private Map<String, Map.Entry<TopicPartition, Long>> byName() {
        Map<String, Map.Entry<TopicPartition, Long>> out = new TreeMap<>();
        stats.lag.entrySet().stream().filter(e -> e.getValue() >= 0).forEach(e -> out.put(e.getKey().toString(), Map.entry(e.getKey(), e.getValue())));
        return out;
    }

    private static void header(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP logshipper_aggregate_").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE logshipper_aggregate_").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder sb, String name, String label, String value, long n) {
        sb.append("logshipper_aggregate_").append(name);
        if (label != null) {
            sb.append('{').append(label).append("=\"").append(escape(value)).append("\"}");
        }
        sb.append(' ').append(n).append('\n');
    }

    /** Prometheus label escaping: backslash, double quote and newline. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
