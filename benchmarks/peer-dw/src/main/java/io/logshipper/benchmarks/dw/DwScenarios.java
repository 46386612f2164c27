package io.logshipper.benchmarks.dw;

import io.logshipper.benchmarks.shared.LatencyHistogram;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Scenarios 2 and 3 for the danielwegener appender, in its own JVM; prints {@code RESULT {json}} lines in the
 * format of io.logshipper.benchmarks.Scenarios. The broker for "stopped" is started from the main benchmarks jar
 * (Kafka 4's broker cannot share DW's kafka-clients 1.0.0 classpath); topics are created and read back by it too.
 *
 * <pre>
 * outage unreachable|stopped SECONDS THREADS MAIN_JAR
 * e2e    BOOTSTRAP TOPIC SECONDS THREADS
 * </pre>
 */
public final class DwScenarios {

    static final long BLOCK_BOUND_SECONDS = Long.getLong("bench.blockBoundSecs", 15);

    private DwScenarios() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("outage")) {
            outage(args[1], Double.parseDouble(args[2]), Integer.parseInt(args[3]), args[4]);
        } else if (args[0].equals("e2e")) {
            e2e(args[1], args[2], Double.parseDouble(args[3]), Integer.parseInt(args[4]));
        } else {
            throw new IllegalArgumentException(Arrays.toString(args));
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    static void outage(String variant, double seconds, int threads, String mainJar) throws Exception {
        Process broker = null;
        String bootstrap = "127.0.0.1:1";
        if (variant.equals("stopped")) {
            String java = ProcessHandle.current().info().command().orElse("java");
            broker = new ProcessBuilder(List.of(java, "-Xmx768m", "-XX:+UseParallelGC",
                    "-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider", "-cp", mainJar,
                    "io.logshipper.benchmarks.BrokerMain"))
                    .redirectError(ProcessBuilder.Redirect.to(new File(System.getProperty("java.io.tmpdir"),
                            "bench-broker-dw.err")))
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("BOOTSTRAP ")) {
                // wait
            }
            if (line == null) {
                throw new IllegalStateException("broker did not start");
            }
            bootstrap = line.substring("BOOTSTRAP ".length()).trim();
        }
        DwTarget target = new DwTarget(bootstrap, "outage-dw");
        if (broker != null) {
            for (int i = 0; i < 1000; i++) {
                target.log(-i);
            }
            Thread.sleep(1500);
        }
        Process toKill = broker;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        AtomicLongArray callStart = new AtomicLongArray(threads);
        LatencyHistogram[] hs = new LatencyHistogram[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            hs[t] = new LatencyHistogram();
            Thread w = new Thread(() -> {
                long i = 0;
                long now = System.nanoTime();
                while (now - end < 0) {
                    callStart.set(id, now);
                    target.log(i++);
                    long after = System.nanoTime();
                    hs[id].record(after - now);
                    now = after;
                }
                callStart.set(id, 0);
            }, "app-" + t);
            w.setDaemon(true);
            workers.add(w);
        }
        workers.forEach(Thread::start);
        if (toKill != null) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + (end - start) / 2 - System.nanoTime()));
            toKill.destroyForcibly();
        }
        long cut = end + TimeUnit.SECONDS.toNanos(BLOCK_BOUND_SECONDS);
        for (Thread w : workers) {
            TimeUnit.NANOSECONDS.timedJoin(w, Math.max(1, cut - System.nanoTime()));
        }
        long blocked = 0;
        int blockedThreads = 0;
        long now = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long s = callStart.get(t);
            if (workers.get(t).isAlive() && s != 0) {
                blockedThreads++;
                blocked = Math.max(blocked, now - s);
            }
        }
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : hs) {
            all.add(h);
        }
        System.out.println("RESULT {\"kind\":\"outage\",\"impl\":\"dw\",\"variant\":\"" + variant + "\",\"threads\":"
                + threads + ",\"seconds\":" + seconds + ",\"calls\":" + all.count() + ",\"p50_ns\":" + all.quantile(0.5)
                + ",\"p99_ns\":" + all.quantile(0.99) + ",\"p999_ns\":" + all.quantile(0.999) + ",\"max_ns\":"
                + Math.max(all.max(), blocked) + ",\"blocked_threads_at_cut\":" + blockedThreads
                + ",\"blocked_at_cut_ns\":" + blocked + ",\"stats\":\"\"}");
    }

    static void e2e(String bootstrap, String topic, double seconds, int threads) throws Exception {
        DwTarget target = new DwTarget(bootstrap, topic);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long[] calls = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(new Thread(() -> {
                long i = 0;
                while (System.nanoTime() - end < 0) {
                    target.log(i++);
                }
                calls[id] = i;
            }, "app-" + t));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        long loggedAt = System.nanoTime();
        target.close();
        long closedAt = System.nanoTime();
        System.out.println("RESULT {\"kind\":\"e2e\",\"impl\":\"dw\",\"threads\":" + threads + ",\"seconds\":" + seconds
                + ",\"topic\":\"" + topic + "\",\"calls\":" + Arrays.stream(calls).sum() + ",\"log_seconds\":"
                + (loggedAt - start) / 1e9 + ",\"elapsed_seconds\":" + (closedAt - start) / 1e9 + ",\"stats\":\"\"}");
    }
}
