package io.logshipper;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One structured log entry, captured on the logging thread and encoded later on the shipper's thread.
 * Everything that depends on the calling thread (formatted message, MDC, thread name) must already be resolved:
 * this object is immutable and holds only values.
 */
public final class LogEntry {

    private final Instant time;
    private final String level;
    private final String logger;
    private final String thread;
    private final String message;
    private final String exception;
    private final Map<String, String> mdc;
    private final List<String> markers;

    private LogEntry(Builder b) {
        this.time = b.time == null ? Instant.now() : b.time;
        this.level = b.level;
        this.logger = b.logger;
        this.thread = b.thread;
        this.message = b.message == null ? "" : b.message;
        this.exception = b.exception;
        this.mdc = copyOf(b.mdc);
        this.markers = b.markers == null ? List.of()
                : b.markers.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableList());
    }

    /** Context maps may hold null values (written as JSON null); null keys are left out. Never throws. */
    private static Map<String, String> copyOf(Map<String, String> mdc) {
        if (mdc == null || mdc.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        mdc.forEach((k, v) -> {
            if (k != null) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A builder for an entry; only the message is needed, the time defaults to now. */
    public static Builder builder() {
        return new Builder();
    }

    /** When the event happened. */
    public Instant time() {
        return time;
    }

    /** The level name (INFO, WARN...), or null. */
    public String level() {
        return level;
    }

    /** The logger name, or null. */
    public String logger() {
        return logger;
    }

    /** The name of the thread that logged, or null. */
    public String thread() {
        return thread;
    }

    /** The formatted message; never null. */
    public String message() {
        return message;
    }

    /** The rendered stack trace with causes and suppressed exceptions, or null. */
    public String exception() {
        return exception;
    }

    /** The mapped diagnostic context (MDC, Log4j2 context map); never null. */
    public Map<String, String> mdc() {
        return mdc;
    }

    /** Marker names; never null. */
    public List<String> markers() {
        return markers;
    }

    /** A builder holding this entry's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().time(time).level(level).logger(logger).thread(thread).message(message)
                .exception(exception).mdc(mdc).markers(markers);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LogEntry)) {
            return false;
        }
        LogEntry e = (LogEntry) o;
        return time.equals(e.time) && Objects.equals(level, e.level) && Objects.equals(logger, e.logger)
                && Objects.equals(thread, e.thread) && message.equals(e.message)
                && Objects.equals(exception, e.exception) && mdc.equals(e.mdc) && markers.equals(e.markers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, level, logger, message);
    }

    @Override
    public String toString() {
        return "LogEntry[" + time + " " + level + " " + logger + " - " + message + "]";
    }

    /** Builds a {@link LogEntry}. */
    public static final class Builder {
        private Instant time;
        private String level;
        private String logger;
        private String thread;
        private String message;
        private String exception;
        private Map<String, String> mdc;
        private List<String> markers;

        private Builder() {
        }

        /** When the event happened; default: now. */
        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        /** The event time in epoch milliseconds. */
        public Builder timeMillis(long epochMillis) {
            return time(Instant.ofEpochMilli(epochMillis));
        }

        /** The level name. */
        public Builder level(String level) {
            this.level = level;
            return this;
        }

        /** The logger name. */
        public Builder logger(String logger) {
            this.logger = logger;
            return this;
        }

        /** The logging thread's name. */
        public Builder thread(String thread) {
            this.thread = thread;
            return this;
        }

        /** The formatted message. */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** The rendered stack trace. */
        public Builder exception(String exception) {
            this.exception = exception;
            return this;
        }

        /** The MDC / context map; copied. Null keys are left out; null values are kept. */
        public Builder mdc(Map<String, String> mdc) {
            this.mdc = mdc;
            return this;
        }

        /** Marker names; copied. */
        public Builder markers(List<String> markers) {
            this.markers = markers;
            return this;
        }

        /** The immutable entry. */
        public LogEntry build() {
            return new LogEntry(this);
        }
    }
}
