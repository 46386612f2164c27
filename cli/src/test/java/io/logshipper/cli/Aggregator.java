package io.logshipper.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code logshipper aggregate} in a child JVM on this JVM's class path (so the test sinks are found), with stdout
 * and stderr in files. {@link #stop()} sends SIGTERM, {@link #kill()} SIGKILL: a crash that is really a crash.
 */
final class Aggregator implements AutoCloseable {

    private static final Pattern HTTP_LINE = Pattern.compile("HTTP on http://([^/]+):(\\d+)/");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path out;
    private final Path err;
    private final int port;

    private Aggregator(Process process, Path out, Path err, int port) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.port = port;
    }

    /** Starts {@code aggregate args...} with {@code --http 127.0.0.1:0} and waits until it has subscribed. */
    static Aggregator start(Path dir, String name, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "aggregate"));
        List<String> given = Arrays.asList(args);
        if (!given.contains("--no-http") && !given.contains("--http")) {
            cmd.addAll(List.of("--http", "127.0.0.1:0"));
        }
        cmd.addAll(given);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        int port = -1;
        while (System.nanoTime() < deadline) {
            String e = Files.readString(err, StandardCharsets.UTF_8);
            Matcher m = HTTP_LINE.matcher(e);
            if (port < 0 && m.find()) {
                port = Integer.parseInt(m.group(2));
            }
            if (e.contains(" reading ")) {
                System.err.println("[aggregator] " + name + " up in " + (System.nanoTime() - deadline
                        + TimeUnit.SECONDS.toNanos(40)) / 1_000_000 + " ms");
                return new Aggregator(p, out, err, port);
            }
            if (!p.isAlive()) {
                throw new AssertionError("aggregate exited with " + p.exitValue() + ":\n" + e);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("aggregate did not start in 40 s:\n" + Files.readString(err));
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a JSON body, with {@code Authorization: Bearer token} unless token is null. */
    HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The parsed {@code /healthcheck} body. */
    JsonNode health() throws Exception {
        return Envelope.JSON.readTree(get("/healthcheck").body());
    }

    /** Assigned partitions per /healthcheck; -1 when it does not answer. */
    int assignedPartitions() {
        try {
            return health().path("subscription").path("assignedPartitions").asInt(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGTERM, then waits for the exit; returns the exit status. */
    int stop() throws Exception {
        long t0 = System.nanoTime();
        process.destroy();
        try {
            return awaitExit();
        } finally {
            System.err.println("[aggregator] stopped in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    private int awaitExit() throws Exception {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aggregate did not exit within 30 s of SIGTERM:\n" + err());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no final commit. */
    void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill();
        }
    }
}
