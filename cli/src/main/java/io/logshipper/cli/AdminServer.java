package io.logshipper.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.logshipper.LogLevel;

/**
 * The aggregator's HTTP side on the JDK's {@link HttpServer}: {@code /healthcheck}, {@code /metrics},
 * {@code /levels}, {@code /events} and the live page at {@code /}. It runs on its own threads and reads only
 * {@link AggregateStats}' atomics, so it answers while the poll loop is stuck. Request bodies are capped at
 * {@value #MAX_BODY} bytes; every error is a JSON object {@code {"error": ...}}.
 */
final class AdminServer implements AutoCloseable {

    static final int MAX_BODY = 4096;
    private static final int MAX_NAME = 1000;
    private static final int MAX_GREP = 200;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Health health;
    private final LevelPolicy levels;
    private final SelfLog log;
    private final EventHub hub;
    private final byte[] token;

    /**
     * @param token the bearer token mutating calls must carry, or null for none
     */
    AdminServer(InetSocketAddress address, Health health, LevelPolicy levels, SelfLog log, EventHub hub,
                int maxSseClients, byte[] token) throws IOException {
        this.health = health;
        this.levels = levels;
        this.log = log;
        this.hub = hub;
        this.token = token;
        // A client that trickles its request (slowloris) is cut off after 10 s; the JDK reads this once, at its
        // first HttpServer, so set it before. Responses (the /events streams) have no such limit.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "10");
        }
        this.server = HttpServer.create(address, 64);
        // Each SSE client holds a thread; a few more always remain for health, metrics and levels.
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "logshipper-aggregate-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(maxSseClients + 4, threads);
        server.setExecutor(executor);
        server.createContext("/", this::route);
    }

    void start() {
        server.start();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange x) {
        try {
            String path = x.getRequestURI().getRawPath();
            String method = x.getRequestMethod();
            if (path.equals("/healthcheck")) {
                onlyMethods(x, "GET", "HEAD");
                ObjectNode body = health.report();
                int code = "UP".equals(body.get("status").asText()) ? 200 : 503;
                send(x, code, "application/json", body.toString(), method.equals("HEAD"));
            } else if (path.equals("/metrics")) {
                onlyMethods(x, "GET");
                send(x, 200, "text/plain; version=0.0.4; charset=utf-8", health.prometheus(hub), false);
            } else if (path.equals("/levels") || path.startsWith("/levels/")) {
                levels(x, path, method);
            } else if (path.equals("/events")) {
                onlyMethods(x, "GET");
                events(x);
            } else if (path.equals("/") || path.equals("/index.html")) {
                onlyMethods(x, "GET");
                send(x, 200, "text/html; charset=utf-8", page(), false);
            } else {
                throw new HttpError(404, "no such endpoint: " + EntryFormatter.neutralise(shorten(path)));
            }
        } catch (HttpError e) {
            error(x, e.code, e.getMessage());
        } catch (IOException e) {
            // The client went away.
        } catch (RuntimeException e) {
            error(x, 500, "internal error: " + io.logshipper.internal.Problems.describe(e));
        } finally {
            x.close();
        }
    }

    private void levels(HttpExchange x, String path, String method) throws IOException {
        if (path.equals("/levels")) {
            onlyMethods(x, "GET");
            ObjectNode out = Envelope.JSON.createObjectNode();
            ArrayNodeHelper.levels(out.putArray("levels"));
            out.put("defaultLevel", levels.defaultLevel().name());
            out.set("programs", Envelope.JSON.valueToTree(levels.snapshot()));
            ObjectNode self = out.putObject("_self");
            self.put("effectiveLevel", log.level().name());
            send(x, 200, "application/json", out.toString(), false);
            return;
        }
        onlyMethods(x, "POST");
        authorize(x);
        String[] parts = path.substring("/levels/".length()).split("/", 2);
        String program = decode(parts[0]);
        String logger = parts.length > 1 ? decode(parts[1]) : null;
        if (program.isEmpty() || program.length() > MAX_NAME || logger != null
                && (logger.isEmpty() || logger.length() > MAX_NAME)) {
            throw new HttpError(400, "expected /levels/{program} or /levels/{program}/{logger}, each 1 to "
                    + MAX_NAME + " characters");
        }
        LogLevel level = parseBody(x);
        if (program.equals("_self")) {
            if (logger != null) {
                throw new HttpError(400, "/levels/_self takes no logger");
            }
            log.setLevel(level);
            log.audit("own level set to " + log.level().name() + " through /levels/_self");
        } else if (!levels.set(program, logger, level)) {
            throw new HttpError(400, "too many level rules (at most " + LevelPolicy.MAX_RULES + ")");
        } else {
            log.audit("level of " + EntryFormatter.neutralise(program) + (logger == null ? ""
                    : " logger " + EntryFormatter.neutralise(logger)) + " set to "
                    + (level == null ? "the default" : level.name()) + " through /levels");
        }
        x.sendResponseHeaders(204, -1);
    }

    /** Accepts exactly {@code {"configuredLevel": "<level name>" | null}}. */
    private static LogLevel parseBody(HttpExchange x) throws IOException {
        byte[] body = readBody(x);
        JsonNode root;
        try {
            root = Envelope.JSON.readTree(body);
        } catch (IOException e) {
            throw new HttpError(400, "the body is not JSON; expected {\"configuredLevel\": \"WARN\"} or "
                    + "{\"configuredLevel\": null}");
        }
        if (root == null || !root.isObject() || root.size() != 1 || !root.has("configuredLevel")) {
            throw new HttpError(400, "expected exactly {\"configuredLevel\": \"WARN\"} or {\"configuredLevel\": null}");
        }
        JsonNode v = root.get("configuredLevel");
        if (v.isNull()) {
            return null;
        }
        LogLevel level = v.isTextual() && v.textValue().length() < 20 ? LevelPolicy.parse(v.textValue()) : null;
        if (level == null) {
            throw new HttpError(400, "configuredLevel must be " + LevelPolicy.rule() + ", or null");
        }
        return level;
    }

    private static byte[] readBody(HttpExchange x) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new HttpError(413, "the body is larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    private void authorize(HttpExchange x) {
        if (token == null) {
            return;
        }
        String header = x.getRequestHeaders().getFirst("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            x.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new HttpError(401, header == null ? "this call needs Authorization: Bearer <token>"
                    : "the bearer token is not the one in --http-token-file");
        }
    }

    private void events(HttpExchange x) throws IOException {
        Map<String, List<String>> q = query(x.getRequestURI());
        List<String> programs = new ArrayList<>();
        q.getOrDefault("program", List.of()).forEach(p -> {
            for (String s : p.split(",")) {
                if (!s.isBlank()) {
                    programs.add(s.strip());
                }
            }
        });
        LogLevel minLevel = null;
        String levelText = first(q, "level");
        if (levelText != null && !levelText.isEmpty()) {
            minLevel = LevelPolicy.parse(levelText);
            if (minLevel == null) {
                throw new HttpError(400, "level must be " + LevelPolicy.rule());
            }
        }
        Pattern grep = null;
        String grepText = first(q, "grep");
        if (grepText != null && !grepText.isEmpty()) {
            if (grepText.length() > MAX_GREP) {
                throw new HttpError(400, "grep is longer than " + MAX_GREP + " characters");
            }
            try {
                grep = Pattern.compile(grepText);
            } catch (PatternSyntaxException e) {
                throw new HttpError(400, "grep is not a valid regular expression: " + e.getDescription());
            }
        }
        long lastId = -1;
        String last = x.getRequestHeaders().getFirst("Last-Event-ID");
        if (last == null) {
            last = first(q, "lastEventId");
        }
        if (last != null) {
            try {
                lastId = Long.parseLong(last.strip());
            } catch (NumberFormatException e) {
                lastId = -1;
            }
        }
        EventHub.Client client = hub.connect(lastId);
        if (client == null) {
            throw new HttpError(503, "too many /events clients");
        }
        try (client) {
            x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            x.getResponseHeaders().set("Cache-Control", "no-cache");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder sb = new StringBuilder();
            while (!Thread.currentThread().isInterrupted()) {
                List<EventHub.Event> batch = client.next(256, 15_000);
                long missed = client.takeMissed();
                if (missed > 0) {
                    sb.append("event: dropped\ndata: {\"count\":").append(missed).append("}\n\n");
                }
                if (batch.isEmpty() && missed == 0) {
                    sb.append(": ping\n\n");
                }
                for (EventHub.Event e : batch) {
                    if (!programs.isEmpty() && !programs.contains(e.program())
                            || minLevel != null && !atLeast(e.level(), minLevel)
                            || grep != null && !grep.matcher(e.text()).find()) {
                        continue;
                    }
                    sb.append("id: ").append(e.id()).append("\ndata: ").append(e.json()).append("\n\n");
                }
                if (!sb.isEmpty()) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sb.setLength(0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean atLeast(String levelName, LogLevel min) {
        LogLevel l = LevelPolicy.parse(levelName);
        return l == null || l.compareTo(min) >= 0;
    }

    private static void onlyMethods(HttpExchange x, String... methods) {
        for (String m : methods) {
            if (m.equals(x.getRequestMethod())) {
                return;
            }
        }
        x.getResponseHeaders().set("Allow", String.join(", ", methods));
        throw new HttpError(405, "method " + EntryFormatter.neutralise(shorten(x.getRequestMethod()))
                + " not allowed here; use " + String.join(" or ", methods));
    }

    private static void send(HttpExchange x, int code, String type, String body, boolean head) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        if (head) {
            x.sendResponseHeaders(code, -1);
            return;
        }
        x.sendResponseHeaders(code, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private static void error(HttpExchange x, int code, String message) {
        try {
            ObjectNode o = Envelope.JSON.createObjectNode();
            o.put("error", message);
            o.put("status", code);
            send(x, code, "application/json", o.toString(), false);
        } catch (IOException | RuntimeException e) {
            // Headers were already sent, or the client is gone.
        }
    }

    private static String page() throws IOException {
        try (InputStream in = AdminServer.class.getResourceAsStream("aggregate.html")) {
            if (in == null) {
                throw new HttpError(500, "the page is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "bad percent-encoding in the path");
        }
    }

    private static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.length() > 8192) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), key -> new ArrayList<>())
                        .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "bad percent-encoding in the query");
            }
        }
        return out;
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }

    /** An HTTP error answered as {@code {"error": message, "status": code}}. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        HttpError(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** The level names {@code GET /levels} lists, as Spring Boot's loggers endpoint does. */
    private static final class ArrayNodeHelper {
        static void levels(com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (LogLevel l : LogLevel.values()) {
                a.add(l.name().toUpperCase(Locale.ROOT));
            }
        }
    }
}
