package io.logshipper.log4j2;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/** Collects the StatusLogger's warnings and errors while registered. */
final class StatusRecorder implements StatusListener {

    private final List<StatusData> seen = new CopyOnWriteArrayList<>();

    static StatusRecorder register() {
        StatusRecorder r = new StatusRecorder();
        StatusLogger.getLogger().registerListener(r);
        return r;
    }

    /** The formatted messages logged at ERROR. */
    List<String> errors() {
        return seen.stream().filter(d -> d.getLevel().isMoreSpecificThan(Level.ERROR))
                .map(d -> d.getMessage().getFormattedMessage()).collect(Collectors.toList());
    }

    /** Every formatted message seen (WARN and above). */
    List<String> all() {
        return seen.stream().map(d -> d.getMessage().getFormattedMessage() + " " + d.getThrowable())
                .collect(Collectors.toList());
    }

    /** The formatted messages logged at WARN exactly. */
    List<String> warnings() {
        return seen.stream().filter(d -> d.getLevel() == Level.WARN)
                .map(d -> d.getMessage().getFormattedMessage()).collect(Collectors.toList());
    }

    @Override
    public void log(StatusData data) {
        seen.add(data);
    }

    @Override
    public Level getStatusLevel() {
        return Level.WARN;
    }

    /** Stops listening. */
    void unregister() {
        StatusLogger.getLogger().removeListener(this);
    }

    /** Called by the StatusLogger when it removes this listener; nothing to release. */
    @Override
    public void close() {
    }
}
