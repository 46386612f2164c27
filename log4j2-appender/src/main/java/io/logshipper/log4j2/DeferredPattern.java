package io.logshipper.log4j2;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.LiteralPatternConverter;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.MdcPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;
import org.apache.logging.log4j.core.pattern.PatternParser;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ReusableSimpleMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringBuilderFormattable;
import org.apache.logging.log4j.util.StringMap;

import io.logshipper.spi.DeferredEntry;

/**
 * A pattern layout run on the shipper's thread from a compact capture of each event, so that the logging thread
 * only formats the message. Used only for a {@link PatternLayout} without a pattern selector whose converters read
 * nothing but what {@link Captured} keeps (time, level, logger, thread, message, context data, literal text without
 * lookups, line separator, and throwable conversions, which print nothing for an event without a throwable), and
 * only for events without a throwable: throwable converters render class and jar details that depend on the
 * logging thread's stack, so those events are still rendered on the caller.
 *
 * <p>Log4j2 may reuse the event once {@code append} returns; the capture keeps no reference to it, its message or a
 * context map that may be reused.
 */
final class DeferredPattern {

    /**
     * What a waiting capture costs on the heap besides its message's characters and the core's per-entry 72 bytes
     * (which already count one String's headers, here the message's): the {@link Captured} object, header and
     * eleven fields. Measured by {@code EntryCost} in benchmarks/: the burst line retains 144 bytes in all.
     */
    private static final int CAPTURE_OVERHEAD = 64;
    /** One context pair besides its characters: its slots in the copy's arrays, the value's String. */
    private static final int CONTEXT_PAIR_OVERHEAD = 48;
    /** The copy of a non-empty context map: the map and its two arrays' headers. */
    private static final int CONTEXT_MAP_OVERHEAD = 64;

    private static final String SIMPLE_LITERAL = "org.apache.logging.log4j.core.pattern.SimpleLiteralPatternConverter";

    private static final StringMap NO_CONTEXT = frozenEmpty();

    private final PatternLayout layout;
    private final boolean capturesContext;
    /** One event and message per rendering thread (the shipper's), refilled for every entry. */
    private final ThreadLocal<Renderer> renderer = ThreadLocal.withInitial(Renderer::new);

    private DeferredPattern(PatternLayout layout, boolean capturesContext) {
        this.layout = layout;
        this.capturesContext = capturesContext;
    }

    /** The deferred form of {@code layout}, or null when it has to run on the logging thread. */
    static DeferredPattern forLayout(Layout<?> layout, Configuration configuration) {
        if (!(layout instanceof PatternLayout pattern)) {
            return null;
        }
        String conversion = pattern.getConversionPattern();
        // With a pattern selector, toString() names the selector rather than the pattern.
        if (conversion == null || !conversion.equals(pattern.toString())) {
            return null;
        }
        try {
            PatternParser parser = PatternLayout.createPatternParser(configuration);
            Set<Class<?>> safe = safeConverters(parser);
            boolean context = false;
            for (PatternFormatter formatter : parser.parse(conversion, false, true, true)) {
                LogEventPatternConverter converter = formatter.getConverter();
                if (converter instanceof LiteralPatternConverter literal) {
                    // A literal with ${...} is looked up while rendering, possibly from the logging thread's state.
                    if (literal.getLiteral() != null && literal.getLiteral().contains("$")) {
                        return null;
                    }
                } else if (converter == null
                        || !safe.contains(converter.getClass()) && !isConstant(converter)) {
                    return null;
                }
                context |= converter instanceof MdcPatternConverter;
            }
            return new DeferredPattern(pattern, context);
        } catch (RuntimeException e) {
            // A pattern this version parses differently than expected: render on the caller, as before.
            return null;
        }
    }

    /** Log4j 2.20 and later write literal text without lookups through this class (and its nested ones). */
    private static boolean isConstant(LogEventPatternConverter converter) {
        return converter.getClass().getName().startsWith(SIMPLE_LITERAL);
    }

    /**
     * The converter classes of the reference conversions below as this Log4j version parses them; a conversion
     * with options that select another class (a message format, a level map) is not among them.
     */
    private static Set<Class<?>> safeConverters(PatternParser parser) {
        Set<Class<?>> safe = new HashSet<>();
        List<PatternFormatter> reference = parser.parse(
                "%d %d{HH:mm:ss.SSS} %p %p{length=1} %c %c{1.} %t %tid %tp %m %X %X{k} %n %ex %xEx %rEx", false, true, true);
        for (PatternFormatter formatter : reference) {
            if (formatter.getConverter() != null && !(formatter.getConverter() instanceof LiteralPatternConverter)) {
                safe.add(formatter.getConverter().getClass());
            }
        }
        return safe;
    }

    /**
     * The event captured for rendering on the shipper's thread, or null when it must be rendered now: it carries a
     * throwable, or its message throws while formatting (the caller's path words that).
     */
    DeferredEntry capture(LogEvent source) {
        if (source.getThrown() != null) {
            return null;
        }
        String text;
        try {
            text = formatted(source.getMessage());
        } catch (RuntimeException e) {
            return null;
        }
        if (text == null) {
            return null;
        }
        StringMap context = NO_CONTEXT;
        int size = text.length() + CAPTURE_OVERHEAD;
        if (capturesContext) {
            ReadOnlyStringMap data = source.getContextData();
            if (data != null && !data.isEmpty()) {
                SortedArrayStringMap copy = new SortedArrayStringMap(data);
                copy.freeze();
                context = copy;
                size += CONTEXT_MAP_OVERHEAD + contextSize(copy);
            }
        }
        Instant t = source.getInstant();
        return new Captured(this, text, source.getLoggerName(), source.getLevel(), source.getThreadName(),
                source.getThreadId(), source.getThreadPriority(), t.getEpochSecond(), t.getNanoOfSecond(), context,
                size);
    }

    /**
     * The message as the layout's {@code %m} writes it: through {@code formatTo} when the message can, into this
     * thread's builder and copied once (a {@code ParameterizedMessage}'s {@code getFormattedMessage} builds a
     * 255-character builder of its own for every call), else its formatted message.
     */
    private static String formatted(Message message) {
        if (message instanceof StringBuilderFormattable formattable) {
            StringBuilder sb = ThreadBuilder.take();
            try {
                formattable.formatTo(sb);
                return sb.toString();
            } finally {
                ThreadBuilder.release(sb);
            }
        }
        return message == null ? "" : message.getFormattedMessage();
    }

    private static int contextSize(ReadOnlyStringMap data) {
        int[] size = {0};
        data.forEach((key, value) -> size[0] += CONTEXT_PAIR_OVERHEAD + (key == null ? 0 : key.length())
                + (value instanceof String s ? s.length() : 16));
        return size[0];
    }

    private String render(Captured c) {
        // Taken out while in use, as the message builder is: a layout's conversion may log on this thread.
        Renderer r = renderer.get();
        if (r == null) {
            return render(c, new Renderer());
        }
        renderer.set(null);
        try {
            return render(c, r);
        } finally {
            renderer.set(r);
        }
    }

    private String render(Captured c, Renderer r) {
        MutableLogEvent e = r.event;
        e.setLoggerName(c.logger);
        e.setLevel(c.level);
        r.message.set(c.message);
        e.setMessage(r.message);
        e.setThreadName(c.thread);
        e.setThreadId(c.threadId);
        e.setThreadPriority(c.threadPriority);
        e.setThrown(null);
        e.setContextData(c.context);
        if (e.getInstant() instanceof MutableInstant instant) {
            instant.initFromEpochSecond(c.epochSecond, c.nanoOfSecond);
        } else {
            e.setTimeMillis(c.epochSecond * 1000 + c.nanoOfSecond / 1_000_000);
        }
        StringBuilder sb = ThreadBuilder.take();
        try {
            layout.serialize(e, sb);
            // The shipper leaves out the line break that ends the layout's output.
            return sb.toString();
        } finally {
            ThreadBuilder.release(sb);
        }
    }

    /** The rendering thread's reused event and message (its builder is {@link ThreadBuilder}'s). */
    private static final class Renderer {
        final MutableLogEvent event = new MutableLogEvent();
        final ReusableSimpleMessage message = new ReusableSimpleMessage();
    }

    private static StringMap frozenEmpty() {
        SortedArrayStringMap empty = new SortedArrayStringMap(0);
        empty.freeze();
        return empty;
    }

    /** What the layout reads of one event; the message already formatted on the logging thread. */
    private static final class Captured implements DeferredEntry {

        private final DeferredPattern pattern;
        private final String message;
        private final String logger;
        private final Level level;
        private final String thread;
        private final long threadId;
        private final int threadPriority;
        private final long epochSecond;
        private final int nanoOfSecond;
        private final StringMap context;
        private final int size;

        Captured(DeferredPattern pattern, String message, String logger, Level level, String thread, long threadId,
                int threadPriority, long epochSecond, int nanoOfSecond, StringMap context, int size) {
            this.pattern = pattern;
            this.message = message;
            this.logger = logger;
            this.level = level;
            this.thread = thread;
            this.threadId = threadId;
            this.threadPriority = threadPriority;
            this.epochSecond = epochSecond;
            this.nanoOfSecond = nanoOfSecond;
            this.context = context;
            this.size = size;
        }

        @Override
        public String render() {
            return pattern.render(this);
        }

        @Override
        public int sizeEstimate() {
            return size;
        }
    }
}
