package io.logshipper.benchmarks;

/**
 * One way of logging {@code log.info("app entry {}", i)}: a logging system configured with one appender, started
 * by {@link Targets#create}. {@link #close()} stops the logging system the way an application would at exit
 * (flushing what its appender holds).
 */
public interface Target extends AutoCloseable {

    /** Logs entry {@code i} from the calling thread. */
    void log(long i);

    /** Stops the logging system; returns once its appender has flushed (or given up). */
    @Override
    void close();

    /** Counters worth reporting after a run (accepted/dropped entries), or an empty string. */
    default String stats() {
        return "";
    }
}
