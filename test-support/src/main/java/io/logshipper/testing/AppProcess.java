package io.logshipper.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real application (a Spring Boot jar) run with {@code java -jar} in a child process on a free port, its output
 * kept in a file; for tests that must see what a user's application does, including how it stops on SIGTERM.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AppProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts {@code jar} with {@code --server.port} set to a free port and {@code args} after it, and waits until
     * {@code readyPath} (e.g. {@code /actuator/health}) answers 200.
     *
     * @throws IllegalStateException with the application's output when it exits or is not ready in {@code timeout}
     */
    public static AppProcess start(Path jar, Path outputDir, Duration timeout, String readyPath, String... args)
            throws IOException, InterruptedException {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(outputDir, "app-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        AppProcess app = new AppProcess(process, output, port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited (" + process.exitValue() + "):\n"
                        + app.output());
            }
            try {
                if (app.get(readyPath).statusCode() == 200) {
                    return app;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        app.close();
        throw new IllegalStateException("the application was not ready in " + timeout + ":\n" + app.output());
    }

    /** GET {@code path} on the application. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST {@code json} to {@code path} on the application. */
    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends SIGTERM ({@link Process#destroy()}), as {@code docker stop} or Kubernetes do, and waits for the exit.
     *
     * @return the exit status
     * @throws IllegalStateException with the output when it does not exit within {@code timeout}
     */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the application did not exit on SIGTERM in " + timeout + ":\n"
                    + output());
        }
        return process.exitValue();
    }

    /** Everything the application printed so far (stdout and stderr). */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** Kills the application if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
