package io.logshipper.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for a service: stop the loop (which then commits what was flushed and leaves the group) and
 * let {@code main} exit 0, instead of the JVM's default exit status 143. If the loop does not stop within the
 * budget (a sink stuck in a write), the process exits 1 without the final commit: the uncommitted entries are
 * written again by the next run, never lost. The previous handlers come back on {@link #restore()}, so a run inside
 * a test JVM leaves that JVM's handling as it was.
 */
final class Signals {

    private static final long BUDGET_SECONDS = 10;
    private static final String[] NAMES = {"TERM", "INT"};

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Signals() {
    }

    /**
     * From {@code main}'s first line, for a service: a SIGTERM or SIGINT while the service is still starting (the
     * JVM loading the Kafka client, the sinks opening, a token file being read) ends it at once with exit status 0,
     * as a stop would later, instead of the JVM's 143. Nothing can be lost then: {@link #install} has not run, so
     * no consumer has polled, nothing was written and there is nothing to commit or leave. This also holds when
     * start-up blocks (a token file that is a pipe nobody writes, a DNS lookup that hangs).
     */
    static void early() {
        SignalHandler exit = sig -> System.exit(ExitCodes.OK);
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), exit);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not available on this platform or already claimed: the JVM's own handling stays.
            }
        }
    }

    static Signals install(Runnable stop, CountDownLatch stopped, PrintWriter err) {
        Signals s = new Signals();
        SignalHandler handler = sig -> {
            stop.run();
            Thread watchdog = new Thread(() -> {
                try {
                    if (!stopped.await(BUDGET_SECONDS, TimeUnit.SECONDS)) {
                        err.println("logshipper aggregate: did not stop within " + BUDGET_SECONDS
                                + " s (a sink is stuck?); exiting without the final commit");
                        err.flush();
                        Runtime.getRuntime().halt(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "logshipper-aggregate-stop-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        };
        for (String name : NAMES) {
            try {
                Signal sig = new Signal(name);
                s.previous.add(Signal.handle(sig, handler));
                s.signals.add(sig);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not available on this platform or already claimed: the shutdown hook still stops the loop.
            }
        }
        return s;
    }

    void restore() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // Nothing to restore.
            }
        }
    }
}
