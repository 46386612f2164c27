package io.logshipper.testing;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A burst of logging: many threads each logging a few lines {@code burst t=<thread> n=<line>} at once, as a web
 * server's request threads do when a dependency fails. On JDK 21+ every logging thread is a virtual thread, as in
 * the measurement issue 15 reports (10,000 virtual threads × 10 lines on JDK 25); on JDK 17, which has no virtual
 * threads, a pool of platform threads runs the same 10,000 tasks.
 */
public final class Burst {

    private static final Pattern LINE = Pattern.compile("burst t=(\\d+) n=(\\d+)");
    private static final int PLATFORM_POOL = 200;

    private Burst() {
    }

    /** Logs one line. */
    @FunctionalInterface
    public interface Line {
        /** Logs line {@code n} of logging thread {@code t}, with text {@link #text(int, int)}. */
        void log(int t, int n);
    }

    /** The text of line {@code n} of thread {@code t}. */
    public static String text(int t, int n) {
        return "burst t=" + t + " n=" + n;
    }

    /** Whether this JVM has virtual threads (JDK 21+). */
    public static boolean virtualThreads() {
        return newVirtualExecutor() != null;
    }

    /**
     * Runs {@code threads} tasks that each log {@code lines} lines in order, all released together, and waits
     * until every task has returned.
     *
     * @return the nanoseconds from the release until the last task returned
     */
    public static long run(int threads, int lines, Line line) throws InterruptedException {
        ExecutorService executor = newVirtualExecutor();
        if (executor == null) {
            executor = Executors.newFixedThreadPool(PLATFORM_POOL);
        }
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                executor.execute(() -> {
                    try {
                        go.await();
                        for (int n = 0; n < lines; n++) {
                            line.log(thread, n);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            long start = System.nanoTime();
            go.countDown();
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the burst's threads did not finish logging in 5 minutes");
            }
            return System.nanoTime() - start;
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * What is wrong with the entries read back, or an empty list: every line of every thread must be there once,
     * and each thread's lines in the order it logged them. Entries that are not burst lines (the shipper's own
     * notices) are ignored; a notice of dropped entries shows up as missing lines.
     */
    public static List<String> problems(List<String> texts, int threads, int lines) {
        Map<Integer, Integer> next = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int found = 0;
        for (String text : texts) {
            Matcher m = LINE.matcher(text);
            if (!m.find()) {
                continue;
            }
            found++;
            int t = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            int expected = next.getOrDefault(t, 0);
            if (n != expected && problems.size() < 10) {
                problems.add("thread " + t + ": line " + n + " where line " + expected + " was expected");
            }
            next.put(t, n + 1);
        }
        if (found != threads * lines) {
            problems.add(0, found + " burst lines arrived, not " + threads * lines);
        }
        return problems;
    }

    private static ExecutorService newVirtualExecutor() {
        try {
            Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
