package io.logshipper.benchmarks.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;

/**
 * The logging loops of scenarios 2 to 4, shared as source by the main benchmarks and the DW module (which
 * cannot share a classpath). Each thread calls {@code log.accept(i)} with i = 0, 1, 2, ... until the run ends.
 */
public final class LogLoops {

    private LogLoops() {
    }

    /**
     * Logs from {@code threads} threads for {@code seconds}, timing every call. A call still blocked
     * {@code blockBoundSeconds} after the end is reported as blocked, and the run is cut there.
     *
     * @param atHalfTime run once halfway through (e.g. to kill the broker), or null
     * @return the JSON fields {@code calls, p50_ns, p99_ns, p999_ns, max_ns, blocked_threads_at_cut,
     *         blocked_at_cut_ns}, without braces
     */
    public static String timed(LongConsumer log, int threads, double seconds, Runnable atHalfTime,
            long blockBoundSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        AtomicLongArray callStart = new AtomicLongArray(threads);
        LatencyHistogram[] histograms = new LatencyHistogram[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            LatencyHistogram h = new LatencyHistogram();
            histograms[t] = h;
            Thread w = new Thread(() -> {
                long i = 0;
                long now = System.nanoTime();
                while (now - end < 0) {
                    callStart.set(id, now);
                    log.accept(i++);
                    long after = System.nanoTime();
                    h.record(after - now);
                    now = after;
                }
                callStart.set(id, 0);
            }, "app-" + t);
            w.setDaemon(true);
            workers.add(w);
        }
        workers.forEach(Thread::start);
        if (atHalfTime != null) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + (end - start) / 2 - System.nanoTime()));
            atHalfTime.run();
        }
        long cut = end + TimeUnit.SECONDS.toNanos(blockBoundSeconds);
        for (Thread w : workers) {
            TimeUnit.NANOSECONDS.timedJoin(w, Math.max(1, cut - System.nanoTime()));
        }
        long blockedNanos = 0;
        int blockedThreads = 0;
        long now = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long s = callStart.get(t);
            if (workers.get(t).isAlive() && s != 0) {
                blockedThreads++;
                blockedNanos = Math.max(blockedNanos, now - s);
            }
        }
        // A thread blocked at the cut records nothing until its call returns; if it returns now, at most that
        // one call is missing from the merge.
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : histograms) {
            all.add(h);
        }
        return "\"calls\":" + all.count() + ",\"p50_ns\":" + all.quantile(0.5) + ",\"p99_ns\":" + all.quantile(0.99)
                + ",\"p999_ns\":" + all.quantile(0.999) + ",\"max_ns\":" + Math.max(all.max(), blockedNanos)
                + ",\"blocked_threads_at_cut\":" + blockedThreads + ",\"blocked_at_cut_ns\":" + blockedNanos;
    }

    /**
     * Logs from {@code threads} threads as fast as they can for {@code seconds}, untimed.
     *
     * @return the calls made, all threads together
     */
    public static long flatOut(LongConsumer log, int threads, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long[] calls = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(new Thread(() -> {
                long i = 0;
                while (System.nanoTime() - end < 0) {
                    log.accept(i++);
                }
                calls[id] = i;
            }, "app-" + t));
        }
        workers.forEach(Thread::start);
        long total = 0;
        for (int t = 0; t < threads; t++) {
            workers.get(t).join();
            total += calls[t];
        }
        return total;
    }

    /**
     * Logs at a fixed offered rate, all threads together, for {@code seconds}, timing every call: each thread keeps
     * its own schedule of {@code rate / threads} calls per second, logs whatever is due at once and parks until the
     * next call is due (so at high rates calls come in bursts of a few, as the timer's granularity allows). A caller
     * slowed down by the logging system falls behind its schedule and catches up without waiting, so
     * {@code achieved_per_sec} below {@code rate} means the logging system slowed its caller.
     *
     * @return the JSON fields {@code calls, achieved_per_sec, p50_ns, p99_ns, p999_ns, max_ns}, without braces
     */
    public static String paced(LongConsumer log, int threads, double seconds, double rate)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        double intervalNanos = threads * 1e9 / rate;
        LatencyHistogram[] histograms = new LatencyHistogram[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            LatencyHistogram h = new LatencyHistogram();
            histograms[t] = h;
            workers.add(new Thread(() -> {
                // Calls come in small bursts: whatever is due is logged at once, then the thread parks until the
                // next call is due. Spinning between calls would keep a core busy for nothing, which on 2 cores
                // starves every design that works on a background thread and counts as CPU of the set-up.
                long i = id;
                long done = 0;
                long now = System.nanoTime();
                while (now - end < 0) {
                    long due = (long) ((now - start) / intervalNanos) + 1;
                    while (done < due && now - end < 0) {
                        long before = System.nanoTime();
                        log.accept(i);
                        now = System.nanoTime();
                        h.record(now - before);
                        i += threads;
                        done++;
                    }
                    long wait = start + (long) (done * intervalNanos) - now;
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    now = System.nanoTime();
                }
            }, "app-" + t));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : histograms) {
            all.add(h);
        }
        return "\"calls\":" + all.count() + ",\"achieved_per_sec\":" + Math.round(all.count() / elapsed)
                + ",\"p50_ns\":" + all.quantile(0.5) + ",\"p99_ns\":" + all.quantile(0.99)
                + ",\"p999_ns\":" + all.quantile(0.999) + ",\"max_ns\":" + all.max();
    }
}
