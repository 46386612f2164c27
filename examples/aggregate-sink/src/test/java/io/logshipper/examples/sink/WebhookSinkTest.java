package io.logshipper.examples.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.sun.net.httpserver.HttpServer;

import io.logshipper.cli.LogSink;
import io.logshipper.cli.SinkEntry;

/** The example sink against a real local HTTP server: flush returns only after a 2xx, else it throws. */
@Timeout(30)
class WebhookSinkTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", x -> {
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(status.get(), -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static SinkEntry entry(String level, String text) {
        return new SinkEntry("detector-a", Instant.parse("2026-11-25T10:00:00.123Z"), level, "com.acme.Scan",
                Map.of(), text, text, "t", 0, 1, false);
    }

    @Test
    void isFoundByNameAndPostsWhatPassesItsLevelOnFlush() throws Exception {
        LogSink sink = ServiceLoader.load(LogSink.class).stream().map(ServiceLoader.Provider::get)
                .filter(s -> s.name().equals("webhook")).findFirst().orElseThrow();
        sink.open(Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", "level", "ERROR"));
        sink.write(entry("INFO", "scan started"));
        sink.write(entry("ERROR", "scan failed"));
        assertThat(bodies).isEmpty();
        sink.flush();
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0)).contains("\"text\":\"scan failed\"").doesNotContain("scan started");
    }

    @Test
    void aRefusedPostMakesFlushThrowAndKeepsTheEntriesForTheNextOne() throws Exception {
        WebhookSink sink = new WebhookSink();
        sink.open(Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
        sink.write(entry("WARN", "drifting"));
        status.set(503);
        assertThatThrownBy(sink::flush).isInstanceOf(IOException.class).hasMessageContaining("503");
        status.set(200);
        sink.flush();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).contains("drifting");
    }

    @Test
    void badOptionsAreRefusedInTheOptionsWords() {
        assertThatThrownBy(() -> new WebhookSink().open(Map.of("url", "http://127.0.0.1:1/hook", "level", "LOUD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook.level must be one of [ALL, TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF] but was 'LOUD'");
        assertThatThrownBy(() -> new WebhookSink().open(Map.of("url", "ht tp://x")))
                .hasMessageStartingWith("webhook.url is not a URL: ");
        assertThatThrownBy(() -> new WebhookSink().open(Map.of("url", "file:///etc/passwd")))
                .hasMessage("webhook.url must start with http:// or https://");
    }
}
