package io.logshipper.benchmarks.dw;

import io.logshipper.benchmarks.shared.BrokerProcess;
import io.logshipper.benchmarks.shared.LogLoops;
import java.util.Arrays;

/**
 * Scenarios 2 and 3 for the danielwegener appender, in its own JVM; prints {@code RESULT {json}} lines in the
 * format of io.logshipper.benchmarks.Scenarios. The broker for "stopped" is started from the main benchmarks jar
 * (Kafka 4's broker cannot share DW's kafka-clients 1.0.0 classpath); topics are created and read back by it too.
 *
 * <pre>
 * outage unreachable|stopped SECONDS THREADS MAIN_JAR
 * e2e    BOOTSTRAP TOPIC SECONDS THREADS
 * rate   BOOTSTRAP TOPIC RATE SECONDS THREADS    issue 15: the realistic corpus at a fixed offered rate (caller
 *                                                p99, achieved rate, process CPU); the main jar's topicstats reads
 *                                                what arrived
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
        } else if (args[0].equals("rate")) {
            rate(args[1], args[2], Double.parseDouble(args[3]), Double.parseDouble(args[4]),
                    Integer.parseInt(args[5]));
        } else {
            throw new IllegalArgumentException(Arrays.toString(args));
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    static void outage(String variant, double seconds, int threads, String mainJar) throws Exception {
        BrokerProcess broker = null;
        String bootstrap = "127.0.0.1:1";
        if (variant.equals("stopped")) {
            broker = BrokerProcess.start(mainJar);
            bootstrap = broker.bootstrap();
        }
        DwTarget target = new DwTarget(bootstrap, "outage-dw");
        if (broker != null) {
            for (int i = 0; i < 1000; i++) {
                target.log(-i);
            }
            Thread.sleep(1500);
        }
        BrokerProcess toKill = broker;
        String result = LogLoops.timed(target::log, threads, seconds, toKill == null ? null : toKill::kill,
                BLOCK_BOUND_SECONDS);
        System.out.println("RESULT {\"kind\":\"outage\",\"impl\":\"dw\",\"variant\":\"" + variant + "\",\"threads\":"
                + threads + ",\"seconds\":" + seconds + "," + result + ",\"stats\":\"\"}");
    }

    static void e2e(String bootstrap, String topic, double seconds, int threads) throws Exception {
        DwTarget target = new DwTarget(bootstrap, topic);
        long start = System.nanoTime();
        long calls = LogLoops.flatOut(target::log, threads, seconds);
        long loggedAt = System.nanoTime();
        target.close();
        long closedAt = System.nanoTime();
        System.out.println("RESULT {\"kind\":\"e2e\",\"impl\":\"dw\",\"threads\":" + threads + ",\"seconds\":" + seconds
                + ",\"topic\":\"" + topic + "\",\"calls\":" + calls + ",\"log_seconds\":"
                + (loggedAt - start) / 1e9 + ",\"elapsed_seconds\":" + (closedAt - start) / 1e9 + ",\"stats\":\"\"}");
    }

    static void rate(String bootstrap, String topic, double rate, double seconds, int threads) throws Exception {
        DwTarget target = new DwTarget(bootstrap, topic);
        io.logshipper.benchmarks.shared.Corpus corpus = io.logshipper.benchmarks.shared.Corpus.standard();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        String loop = LogLoops.paced(i -> target.log(corpus, i), threads, seconds, rate);
        target.close();
        long elapsed = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        System.out.println("RESULT {\"kind\":\"efficiency\",\"door\":\"dw\",\"format\":\"text\",\"threads\":"
                + threads + ",\"offered_per_sec\":" + (long) rate + ",\"seconds\":" + seconds + ",\"topic\":\""
                + topic + "\"," + loop + ",\"elapsed_seconds\":" + elapsed / 1e9 + ",\"cpu_seconds\":" + cpu / 1e9
                + "}");
    }
}
