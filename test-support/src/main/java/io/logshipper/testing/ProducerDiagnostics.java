package io.logshipper.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the Kafka producers in this JVM say about themselves (their JMX metrics and their I/O threads), for the
 * message of a test that waited in vain for a delivery: a produce request left unanswered, a retry, an error and a
 * full buffer each leave a different trace, and the test's failure line is all a CI run shows.
 */
public final class ProducerDiagnostics {

    private static final List<String> METRICS = List.of("record-send-total", "record-retry-total",
            "record-error-total", "request-total", "response-total", "buffer-available-bytes", "waiting-threads",
            "connection-count", "connection-close-total", "request-latency-max", "metadata-age", "batch-split-total");

    private ProducerDiagnostics() {
    }

    /**
     * Waits at most {@code atMost} for {@code condition}; when it does not hold in time, fails with {@code state}
     * and {@link #summary()} in the message.
     */
    public static void awaitOrExplain(Duration atMost, Callable<Boolean> condition, Supplier<String> state) {
        try {
            Awaitility.await().atMost(atMost).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + atMost.toSeconds() + " s: " + state.get() + "; producers: "
                    + summary(), e);
        }
    }

    /** One line: each producer's client id with the chosen metrics, then its I/O thread's top frames. */
    public static String summary() {
        StringBuilder out = new StringBuilder();
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = new TreeSet<>(server.queryNames(
                    new ObjectName("kafka.producer:type=producer-metrics,client-id=*"), null));
            for (ObjectName name : names) {
                out.append('[').append(name.getKeyProperty("client-id"));
                for (String metric : METRICS) {
                    try {
                        Object value = server.getAttribute(name, metric);
                        out.append(' ').append(metric).append('=').append(compact(value));
                    } catch (Exception absent) {
                        // Not every kafka-clients version has every metric.
                    }
                }
                out.append("] ");
            }
        } catch (Exception e) {
            out.append("(no producer metrics: ").append(e).append(") ");
        }
        out.append("io threads: ").append(ioThreads());
        return out.toString();
    }

    private static String compact(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString(d.longValue())
                    : String.format(java.util.Locale.ROOT, "%.1f", d);
        }
        return String.valueOf(value);
    }

    private static String ioThreads() {
        List<String> threads = new ArrayList<>();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false, 6)) {
            if (info == null || !info.getThreadName().startsWith("kafka-producer-network-thread")) {
                continue;
            }
            StringBuilder t = new StringBuilder(info.getThreadName()).append(' ').append(info.getThreadState());
            for (StackTraceElement frame : info.getStackTrace()) {
                t.append(" < ").append(frame.getClassName().replaceAll(".*\\.", "")).append('.')
                        .append(frame.getMethodName());
            }
            threads.add(t.toString());
        }
        return threads.isEmpty() ? "none" : String.join(" | ", threads);
    }
}
