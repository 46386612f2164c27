package io.logshipper.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import io.logshipper.ShipperStats;
import io.logshipper.benchmarks.corpus.CorpusTarget;
import io.logshipper.benchmarks.shared.Corpus;
import io.logshipper.benchmarks.shared.LogLoops;

/**
 * Issue 15's efficiency measurements, on the realistic {@link Corpus}, at a fixed offered rate. One run prints
 * {@code RESULT {json}} with what the caller paid (p99 per call, the rate it achieved), what was dropped, what was
 * delivered, the process's CPU time (all its threads) per delivered entry, and the bytes the topic holds on the
 * broker per delivered entry. The max lossless rate is the highest offered rate of a series at which nothing was
 * dropped (benchmarks/run.sh runs the series).
 *
 * <pre>
 * java -cp benchmarks.jar io.logshipper.benchmarks.Efficiency DOOR FORMAT BOOTSTRAP RATE SECONDS THREADS [name=value...]
 *   DOOR    core | logback | log4j2 (logshipper), log4j2KafkaAsync | log4j2KafkaSync (Log4j2's Kafka appender)
 *   FORMAT  text | json (logshipper only)      name=value  logshipper settings, e.g. intervalSecs=1; core: producer.KEY=VALUE too
 * </pre>
 */
public final class Efficiency {

    private Efficiency() {
    }

    public static void main(String[] args) throws Exception {
        String door = args[0];
        String format = args[1];
        String bootstrap = args[2];
        double rate = Double.parseDouble(args[3]);
        double seconds = Double.parseDouble(args[4]);
        int threads = Integer.parseInt(args[5]);
        Map<String, String> settings = new LinkedHashMap<>();
        for (int k = 6; k < args.length; k++) {
            String[] kv = args[k].split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        String topic = "eff-" + door + "-" + format + "-" + threads + "t-" + (long) rate + "-" + System.nanoTime();
        Scenarios.createTopic(bootstrap, topic);
        Corpus corpus = Corpus.standard();
        CorpusTarget target = door.startsWith("log4j2Kafka")
                ? CorpusTarget.log4j2Kafka(door.endsWith("Sync"), bootstrap, topic, corpus)
                : CorpusTarget.create(door, format, bootstrap, topic, corpus, settings);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        String loop = LogLoops.paced(target::log, threads, seconds, rate);
        ShipperStats beforeClose = target.stats();
        target.close();
        long elapsed = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        ShipperStats stats = target.stats();
        String topicStats = Scenarios.topicStats(bootstrap, topic);
        long records = Long.parseLong(field(topicStats, "records"));
        long diskBytes = Long.parseLong(field(topicStats, "disk_bytes"));
        long delivered = stats == null ? records : stats.delivered();
        long dropped = stats == null ? 0 : stats.dropped();
        System.out.println("RESULT {\"kind\":\"efficiency\",\"door\":\"" + door + "\",\"format\":\"" + format
                + "\",\"threads\":" + threads + ",\"offered_per_sec\":" + (long) rate + ",\"seconds\":" + seconds
                + ",\"settings\":\"" + settings + "\"," + loop + ",\"dropped\":" + dropped
                + ",\"dropped_while_logging\":" + (beforeClose == null ? 0 : beforeClose.dropped())
                + ",\"delivered\":" + delivered + ",\"records\":" + records + ",\"elapsed_seconds\":" + elapsed / 1e9
                + ",\"cpu_seconds\":" + cpu / 1e9 + ",\"cpu_ns_per_delivered\":"
                + (delivered == 0 ? -1 : cpu / delivered) + ",\"disk_bytes\":" + diskBytes + ",\"bytes_per_entry\":"
                + (delivered == 0 ? -1 : String.format(java.util.Locale.ROOT, "%.2f", diskBytes / (double) delivered))
                + "}");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = at;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return json.substring(at, end);
    }
}
