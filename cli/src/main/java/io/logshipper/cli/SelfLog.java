package io.logshipper.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

import io.logshipper.LogLevel;

/**
 * The aggregator's own notices on stderr ({@code logshipper aggregate: ...}), with a threshold that
 * {@code POST /levels/_self} changes at run time. Thread-safe: HTTP threads and the polling thread both say things.
 */
final class SelfLog {

    private final PrintWriter err;
    private final LogLevel configured;
    private final AtomicReference<LogLevel> threshold;

    SelfLog(PrintWriter err, LogLevel threshold) {
        this.err = err;
        this.configured = threshold;
        this.threshold = new AtomicReference<>(threshold);
    }

    LogLevel level() {
        return threshold.get();
    }

    /** Sets the threshold; null goes back to the one the aggregator started with. */
    void setLevel(LogLevel level) {
        threshold.set(level == null ? configured : level);
    }

    void info(String message) {
        say(LogLevel.INFO, message);
    }

    void warn(String message) {
        say(LogLevel.WARN, message);
    }

    void error(String message) {
        say(LogLevel.ERROR, message);
    }

    void debug(String message) {
        say(LogLevel.DEBUG, message);
    }

    /**
     * Says a change made from outside (through {@code /levels}) whatever the threshold: raising the aggregator's
     * own level to WARN must not hide that it was raised, nor the level changes that follow.
     */
    void audit(String message) {
        synchronized (err) {
            err.println("logshipper aggregate: " + message);
            err.flush();
        }
    }

    private void say(LogLevel level, String message) {
        if (level.compareTo(threshold.get()) < 0) {
            return;
        }
        synchronized (err) {
            err.println("logshipper aggregate: " + (level == LogLevel.INFO ? "" : level.name().toLowerCase(
                    java.util.Locale.ROOT) + ": ") + message);
            err.flush();
        }
    }
}
