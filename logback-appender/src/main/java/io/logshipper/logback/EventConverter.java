package io.logshipper.logback;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Marker;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.pattern.PatternLayoutBase;

import io.logshipper.LogEntry;
import io.logshipper.spi.SafeText;

/**
 * Turns a Logback event into what the shipper buffers: a finished line of text, or a {@link LogEntry}. Runs on
 * the logging thread, because the thread name, MDC and formatted message belong to that thread and the event
 * may be reused or mutated once {@code append} returns.
 */
final class EventConverter {

    private final Layout<ILoggingEvent> layout;
    private final Encoder<ILoggingEvent> encoder;
    private final Charset charset;

    private EventConverter(Layout<ILoggingEvent> layout, Encoder<ILoggingEvent> encoder, Charset charset) {
        this.layout = layout;
        this.encoder = encoder;
        this.charset = charset;
    }

    /** Text through a layout. */
    static EventConverter ofLayout(Layout<ILoggingEvent> layout) {
        return new EventConverter(layout, null, null);
    }

    /**
     * Text through an encoder. A layout-wrapping encoder (the usual {@code <encoder><pattern>}) is unwrapped so
     * the text never takes a round trip through bytes; any other encoder's bytes are decoded with its charset
     * when known, else UTF-8.
     */
    static EventConverter ofEncoder(Encoder<ILoggingEvent> encoder) {
        if (encoder instanceof LayoutWrappingEncoder<ILoggingEvent> wrapping && wrapping.getLayout() != null) {
            return ofLayout(wrapping.getLayout());
        }
        Charset cs = StandardCharsets.UTF_8;
        if (encoder instanceof LayoutWrappingEncoder<ILoggingEvent> wrapping && wrapping.getCharset() != null) {
            cs = wrapping.getCharset();
        }
        return new EventConverter(null, encoder, cs);
    }

    /** Conversion words that print caller data, which must be captured on the logging thread. */
    private static final java.util.regex.Pattern CALLER_WORDS = java.util.regex.Pattern.compile(
            "%[-.\\d]*(caller|class|method|line|file|C|M|L|F)(?![A-Za-z])");

    /**
     * Whether rendering may read the event's caller data: a pattern with a caller conversion word, or any layout
     * or encoder that is not a plain pattern (it may, and nothing says it does not).
     */
    boolean needsCallerData() {
        if (layout instanceof PatternLayoutBase<ILoggingEvent> pattern) {
            return pattern.getPattern() == null || CALLER_WORDS.matcher(pattern.getPattern()).find();
        }
        return true;
    }

    /** The event as one text entry, without the trailing line separator a pattern's {@code %n} adds. */
    String text(ILoggingEvent event) {
        return stripOneNewline(layoutText(event));
    }

    /**
     * The layout's or encoder's output as it is, trailing line separator included. When the layout throws (a
     * custom converter, on the shipper's thread for a deferred event), the entry is written as the core writes
     * structured entries in text format, with a placeholder for the layout, rather than lost.
     */
    String layoutText(ILoggingEvent event) {
        try {
            return layout != null ? layout.doLayout(event) : new String(encoder.encode(event), charset);
        } catch (RuntimeException e) {
            LogEntry entry = entry(event);
            return SafeText.render(entry.toBuilder()
                    .message(entry.message() + " " + SafeText.placeholder("the layout", e)).build());
        }
    }

    /** The event as a structured entry; the text layout plays no part. */
    static LogEntry entry(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        return LogEntry.builder()
                .time(event.getInstant())
                .level(event.getLevel().toString())
                .logger(event.getLoggerName())
                .thread(event.getThreadName())
                .message(event.getFormattedMessage())
                .exception(thrown == null ? null : stripOneNewline(ThrowableProxyUtil.asString(thrown)))
                .mdc(mdc(event))
                .markers(markers(event.getMarkerList()))
                .build();
    }

    private static Map<String, String> mdc(ILoggingEvent event) {
        Map<String, String> map;
        try {
            map = event.getMDCPropertyMap();
        } catch (NullPointerException e) {
            // A LoggerContext created by hand has no MDC adapter, and Logback then fails here; such a context
            // cannot have an MDC, so the entry simply has none rather than being lost.
            return null;
        }
        if (map == null || map.isEmpty()) {
            return null;
        }
        // LogEntry refuses null values (it copies with Map.copyOf), while Logback's MDC accepts them.
        if (map.containsKey(null) || map.containsValue(null)) {
            Map<String, String> clean = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    clean.put(k, v);
                }
            });
            return clean;
        }
        return map;
    }

    private static List<String> markers(List<Marker> list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(list.size());
        for (Marker m : list) {
            if (m != null) {
                names.add(m.getName());
            }
        }
        return names;
    }

    static String stripOneNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }
}
