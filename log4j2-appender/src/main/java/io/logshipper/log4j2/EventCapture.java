package io.logshipper.log4j2;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

import io.logshipper.LogEntry;
import io.logshipper.LogShipper;
import io.logshipper.spi.DeferredEntry;
import io.logshipper.spi.SafeText;

/**
 * Turns a {@link LogEvent} into values that outlive it. Async loggers and garbage-free mode reuse event objects
 * once {@code append} returns, so nothing here may keep a reference to the event, its message or its context map.
 */
final class EventCapture {

    /** The text layout used when the element has none: ISO-8601 time with offset, then the usual fields. */
    static final String DEFAULT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%t] %c - %m%n%ex";

    private final Layout<?> layout;
    /** The layout run on the shipper's thread from a compact capture, or null when it must run on the caller. */
    private final DeferredPattern deferred;

    private EventCapture(Layout<?> layout, Configuration configuration) {
        this.layout = layout;
        this.deferred = DeferredPattern.forLayout(layout, configuration);
    }

    /** Captures with {@code layout}, or with {@link #DEFAULT_PATTERN} when it is null. */
    static EventCapture withLayout(Layout<?> layout, Configuration configuration) {
        if (layout != null) {
            return new EventCapture(layout, configuration);
        }
        // The with* setters: the set* ones exist only from log4j-core 2.26, and this must run on 2.17.2 and later.
        return new EventCapture(PatternLayout.newBuilder()
                .withPattern(DEFAULT_PATTERN)
                .withConfiguration(configuration)
                .withCharset(StandardCharsets.UTF_8)
                .build(), configuration);
    }

    /**
     * Hands the event to {@code target} as a text entry: captured compactly and rendered on the shipper's thread
     * when the layout allows ({@link DeferredPattern}), else rendered now by {@link #text}.
     */
    void logText(LogShipper target, LogEvent event) {
        DeferredEntry entry = deferred == null ? null : deferred.capture(event);
        if (entry != null) {
            target.log(entry);
        } else {
            target.log(text(event));
        }
    }

    /** True when text entries are rendered on the shipper's thread (for tests). */
    boolean defersLayout() {
        return deferred != null;
    }

    /**
     * The event as one text entry: the layout's output less one trailing line break. When the layout throws
     * (log4j-core 2.26's {@code %ex} does when the exception's {@code getStackTrace()} throws), the entry is
     * written as the core writes structured entries in text format, with a placeholder for the layout.
     */
    String text(LogEvent event) {
        try {
            return layoutText(event);
        } catch (RuntimeException e) {
            LogEntry entry = entry(event);
            return SafeText.render(entry.toBuilder()
                    .message(entry.message() + " " + SafeText.placeholder("the layout", e)).build());
        }
    }

    private String layoutText(LogEvent event) {
        if (layout instanceof PatternLayout pattern) {
            return patternText(pattern, event);
        }
        String text;
        if (layout instanceof StringLayout) {
            text = ((StringLayout) layout).toSerializable(event);
        } else {
            Object out = layout.toSerializable(event);
            text = out instanceof String ? (String) out : new String(layout.toByteArray(event), charset());
        }
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }

    /**
     * A pattern layout's output, written into this thread's builder and copied once into the entry's string, so
     * the line break is left out without a second copy.
     */
    private static String patternText(PatternLayout pattern, LogEvent event) {
        StringBuilder sb = ThreadBuilder.take();
        try {
            pattern.serialize(event, sb);
            int end = sb.length();
            if (end > 0 && sb.charAt(end - 1) == '\n') {
                end -= end > 1 && sb.charAt(end - 2) == '\r' ? 2 : 1;
            }
            return sb.substring(0, end);
        } finally {
            ThreadBuilder.release(sb);
        }
    }

    /**
     * The event as a structured entry. The stack trace is written as {@code printStackTrace} writes it; a message,
     * exception part or context value whose text throws is replaced by a placeholder.
     */
    static LogEntry entry(LogEvent event) {
        org.apache.logging.log4j.core.time.Instant t = event.getInstant();
        return LogEntry.builder()
                .time(Instant.ofEpochSecond(t.getEpochSecond(), t.getNanoOfSecond()))
                .level(event.getLevel().name())
                .logger(event.getLoggerName())
                .thread(event.getThreadName())
                .message(message(event.getMessage()))
                .exception(SafeText.stackTrace(event.getThrown()))
                .mdc(contextData(event.getContextData()))
                .markers(markers(event.getMarker()))
                .build();
    }

    /** Log4j formats arguments whose toString() throws itself; a custom Message may still throw. */
    private static String message(Message message) {
        if (message == null) {
            return "";
        }
        try {
            return message.getFormattedMessage();
        } catch (RuntimeException e) {
            return SafeText.placeholder("getFormattedMessage()", e);
        }
    }

    private static Map<String, String> contextData(ReadOnlyStringMap data) {
        if (data == null || data.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        // Values may be any object in a custom ContextDataInjector; LogEntry wants non-null strings.
        data.forEach((key, value) -> {
            if (key != null && value != null) {
                out.put(key, SafeText.valueOf(value));
            }
        });
        return out;
    }

    /** The marker's name followed by its ancestors' names, each once, so a filter on a parent still matches. */
    private static List<String> markers(Marker marker) {
        if (marker == null) {
            return Collections.emptyList();
        }
        List<String> names = new ArrayList<>(2);
        addWithParents(marker, names, 0);
        return names;
    }

    private static void addWithParents(Marker marker, List<String> names, int depth) {
        // Markers may form cycles through setParents; the depth cap keeps a bad graph from looping.
        if (depth > 16 || names.contains(marker.getName())) {
            return;
        }
        names.add(marker.getName());
        Marker[] parents = marker.getParents();
        if (parents != null) {
            for (Marker parent : parents) {
                addWithParents(parent, names, depth + 1);
            }
        }
    }

    private java.nio.charset.Charset charset() {
        return layout instanceof StringLayout ? ((StringLayout) layout).getCharset() : StandardCharsets.UTF_8;
    }
}
