package io.logshipper.benchmarks.corpus;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;

import io.logshipper.ShipperStats;
import io.logshipper.benchmarks.shared.Corpus;

/**
 * What one waiting entry really costs: with the broker unreachable, logs until the buffer's byte cap refuses an
 * entry, then compares the heap retained with the cap. Prints {@code RESULT {json}}. Run each case in a JVM of
 * its own:
 *
 * <pre>
 * java -Xmx1g -cp benchmarks.jar io.logshipper.benchmarks.corpus.EntryCost DOOR FORMAT LINES CAP_BYTES
 *   DOOR  core | logback | log4j2      FORMAT  text | json      LINES  burst | corpus
 * </pre>
 */
public final class EntryCost {

    private EntryCost() {
    }

    public static void main(String[] args) throws Exception {
        String door = args[0];
        String format = args[1];
        String lines = args[2];
        long cap = Long.parseLong(args[3]);
        Corpus corpus = "burst".equals(lines) ? Corpus.burst() : Corpus.standard();
        CorpusTarget target = CorpusTarget.create(door, format, "127.0.0.1:1", "entry-cost", corpus,
                Map.of("maxBufferedBytes", Long.toString(cap), "maxBufferedEntries", "100000000",
                        "closeTimeoutSecs", "0"));
        // Warm up the code paths on a few entries, then measure from an empty-ish buffer.
        long before = usedAfterGc();
        long i = 0;
        while (target.stats().dropped() == 0) {
            target.log(i++);
        }
        ShipperStats stats = target.stats();
        long after = usedAfterGc();
        long accepted = stats.accepted();
        double retained = after - before;
        System.out.printf(java.util.Locale.ROOT,
                "RESULT {\"kind\":\"entrycost\",\"door\":\"%s\",\"format\":\"%s\",\"lines\":\"%s\",\"cap\":%d,"
                        + "\"accepted\":%d,\"retained\":%.0f,\"counted_per_entry\":%.1f,\"heap_per_entry\":%.1f,"
                        + "\"retained_over_cap\":%.3f}%n",
                door, format, lines, cap, accepted, retained, cap / (double) accepted, retained / accepted,
                retained / cap);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
