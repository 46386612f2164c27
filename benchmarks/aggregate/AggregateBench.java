import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scenario benchmark of {@code logshipper aggregate} (not a timed test): fills a topic with logshipper messages
 * (100 entries each, 1000 programs, as `logshipper load --programs 1000` would ship them), then times
 * 1, 2 and 3 aggregator instances in one group writing it to files, and kcat reading the same topic.
 *
 * <pre>java -cp cli/target/logshipper.jar benchmarks/aggregate/AggregateBench.java BOOTSTRAP CLI_JAR ENTRIES PARTITIONS</pre>
 * Prints RESULT lines; docs/performance.md and docs/scaling.md quote them.
 */
public class AggregateBench {

    private static final Pattern HTTP_LINE = Pattern.compile("HTTP on http://([^/]+):(\\d+)/");
    private static final Pattern WRITTEN = Pattern.compile("\"written\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PER_MESSAGE = 100;
    private static final int PROGRAMS = 1000;

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String cliJar = args[1];
        long entries = Long.parseLong(args[2]);
        int partitions = Integer.parseInt(args[3]);
        String instances = args.length > 4 ? args[4] : "1,2,3";
        String topic = "bench-agg-" + System.currentTimeMillis();
        Path work = Files.createTempDirectory("agg-bench");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        long messages = fill(bootstrap, topic, entries);
        System.out.println("RESULT fill topic=" + topic + " partitions=" + partitions + " messages=" + messages
                + " entries=" + messages * PER_MESSAGE);
        long total = messages * PER_MESSAGE;
        for (String k : instances.split(",")) {
            run(bootstrap, cliJar, topic, total, Integer.parseInt(k), work);
        }
        kcat(bootstrap, topic, messages, total, work);
    }

    private static long fill(String bootstrap, String topic, long entries) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(1 << 20));
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        long messages = entries / PER_MESSAGE;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            int[] next = new int[PROGRAMS];
            for (long m = 0; m < messages; m++) {
                int program = (int) (m % PROGRAMS);
                StringBuilder sb = new StringBuilder(12_000).append("{\"timestamp\": 1796169705.716033, \"messages\": [");
                for (int i = 0; i < PER_MESSAGE; i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append("\"2026-12-02T00:01:44.861457629Z INFO [main] com.acme.Load - load-").append(program)
                            .append(" entry ").append(next[program]++).append(" of a steady stream of test entries\"");
                }
                sb.append("]}");
                producer.send(new ProducerRecord<>(topic, ("load-" + program + "_log").getBytes(StandardCharsets.UTF_8),
                        sb.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return messages;
    }

    private static void run(String bootstrap, String cliJar, String topic, long total, int k, Path work)
            throws Exception {
        String group = "bench-" + System.nanoTime();
        List<Process> procs = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Path err = work.resolve(group + "-" + i + ".err");
            String java = ProcessHandle.current().info().command().orElse("java");
            Process proc = new ProcessBuilder(java, "-Xmx512m", "-jar", cliJar, "aggregate", "--bootstrap-server",
                    bootstrap, "--topic", topic, "--from-beginning", "--group", group,
                    "--output", work.resolve(group + "-" + i + ".log").toString(), "--http", "127.0.0.1:0")
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            procs.add(proc);
            int port = -1;
            while (port < 0) {
                Matcher m = HTTP_LINE.matcher(Files.readString(err));
                if (m.find()) {
                    port = Integer.parseInt(m.group(2));
                } else {
                    Thread.sleep(50);
                }
            }
            ports.add(port);
        }
        long firstNanos = 0;
        long firstWritten = 0;
        long written = 0;
        while (written < total) {
            Thread.sleep(100);
            written = 0;
            for (int port : ports) {
                String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/healthcheck")).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = WRITTEN.matcher(body.substring(body.indexOf("\"entries\"")));
                if (m.find()) {
                    written += Long.parseLong(m.group(1));
                }
            }
            if (firstNanos == 0 && written > 0) {
                firstNanos = System.nanoTime();
                firstWritten = written;
            }
        }
        double secs = (System.nanoTime() - firstNanos) / 1e9;
        double rate = (total - firstWritten) / secs;
        long bytes = 0;
        for (int i = 0; i < k; i++) {
            bytes += Files.size(work.resolve(group + "-" + i + ".log"));
        }
        double cpu = 0;
        for (Process p : procs) {
            cpu += p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
            p.destroy();
            p.waitFor();
        }
        // CPU seconds include the JVM's start and group join; on a shared machine they say more than wall time.
        System.out.printf("RESULT aggregate instances=%d entries=%d seconds=%.2f entries_per_s=%.0f file_MB_per_s=%.1f"
                + " cpu_seconds=%.1f entries_per_cpu_s=%.0f%n", k, total, secs, rate, bytes / 1e6 / secs, cpu,
                total / cpu);
        for (int i = 0; i < k; i++) {
            Files.deleteIfExists(work.resolve(group + "-" + i + ".log"));
        }
    }

    /** bash's {@code 0m1.234s}. */
    private static double minutes(String t) {
        int m = t.indexOf('m');
        return Integer.parseInt(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
    }

    private static void kcat(String bootstrap, String topic, long messages, long total, Path work) throws Exception {
        Path out = work.resolve("kcat.out");
        long t0 = System.nanoTime();
        Path times = work.resolve("kcat.times");
        // bash's `times` prints the CPU time of its finished children: kcat's own CPU cost.
        Process p = new ProcessBuilder("bash", "-c", "kcat -C -b " + bootstrap + " -t " + topic
                + " -o beginning -e -q -f '%s\\n' > " + out + "; times > " + times).inheritIO().start();
        int code = p.waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        String[] t = Files.readAllLines(times).get(1).trim().split("\\s+");
        double cpu = minutes(t[0]) + minutes(t[1]);
        System.out.printf("RESULT kcat exit=%d messages=%d seconds=%.2f records_per_s=%.0f entries_per_s=%.0f "
                + "MB_per_s=%.1f cpu_seconds=%.2f entries_per_cpu_s=%.0f%n", code, messages, secs, messages / secs,
                total / secs, Files.size(out) / 1e6 / secs, cpu, total / cpu);
        Files.deleteIfExists(out);
    }
}
