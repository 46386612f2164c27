package io.logshipper.examples.sink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.logshipper.LogLevel;
import io.logshipper.cli.LogSink;
import io.logshipper.cli.SinkEntry;

/**
 * An example {@link LogSink} for {@code logshipper aggregate}: POSTs the entries at or above a level, as one JSON
 * array per commit interval, to a webhook (a chat channel, an alerting endpoint). It shows the SPI's one rule:
 * {@link #flush()} returns only once the remote end has acknowledged (HTTP 2xx) everything it was handed, so
 * the aggregator commits those offsets only then; a failed POST throws, the aggregator holds its commit back
 * and the entries are handed over again after a restart.
 *
 * <p>Use: put this jar on the class path of the aggregator and choose the sink by name:
 * <pre>
 * java -cp logshipper.jar:logshipper-example-aggregate-sink.jar io.logshipper.cli.Main aggregate --topic-pattern '.*_log' \
 *     --output - --sink webhook --sink-option webhook.url=http://127.0.0.1:9000/hook --sink-option webhook.level=ERROR
 * </pre>
 * It is found through {@code META-INF/services/io.logshipper.cli.LogSink}.
 */
public final class WebhookSink implements LogSink {

    /** Most entries one POST carries; more are kept for the next flush (bounded memory). */
    static final int MAX_BATCH = 1000;

    private static final JsonFactory JSON = new JsonFactory();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<SinkEntry> batch = new ArrayList<>();
    private URI url;
    private LogLevel level = LogLevel.WARN;
    private long skipped;

    /** Creates the sink; {@link java.util.ServiceLoader} calls this. */
    public WebhookSink() {
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void open(Map<String, String> options) {
        String u = options.get("url");
        if (u == null) {
            throw new IllegalArgumentException("needs --sink-option webhook.url=http://...");
        }
        try {
            url = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook.url is not a URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("webhook.url must start with http:// or https://");
        }
        if (options.containsKey("level")) {
            String name = options.get("level").toUpperCase(java.util.Locale.ROOT);
            try {
                level = LogLevel.valueOf(name);
            } catch (IllegalArgumentException e) {
                // Said in the option's words, not as "No enum constant io.logshipper.LogLevel.LOUD".
                throw new IllegalArgumentException("webhook.level must be one of "
                        + java.util.Arrays.toString(LogLevel.values()) + " but was '" + options.get("level") + "'");
            }
        }
    }

    @Override
    public void write(SinkEntry entry) {
        if (!atLeast(entry.level())) {
            return;
        }
        if (batch.size() >= MAX_BATCH) {
            // Counted and told in the next POST rather than grown without bound.
            skipped++;
            return;
        }
        batch.add(entry);
    }

    @Override
    public void flush() throws IOException, InterruptedException {
        if (batch.isEmpty() && skipped == 0) {
            return;
        }
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body())).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered HTTP " + r.statusCode());
        }
        batch.clear();
        skipped = 0;
    }

    private String body() throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeArrayFieldStart("entries");
            for (SinkEntry e : batch) {
                g.writeStartObject();
                g.writeStringField("program", e.program());
                g.writeStringField("time", e.time().toString());
                g.writeStringField("level", e.level());
                g.writeStringField("logger", e.logger());
                g.writeStringField("text", e.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("skipped", skipped);
            g.writeEndObject();
        }
        return w.toString();
    }

    private boolean atLeast(String name) {
        if (name == null) {
            return false;
        }
        String n = name.toUpperCase(java.util.Locale.ROOT);
        LogLevel l;
        switch (n) {
            case "WARNING" -> l = LogLevel.WARN;
            case "SEVERE" -> l = LogLevel.ERROR;
            case "CRITICAL" -> l = LogLevel.FATAL;
            default -> {
                try {
                    l = LogLevel.valueOf(n);
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return l.compareTo(level) >= 0;
    }
}
