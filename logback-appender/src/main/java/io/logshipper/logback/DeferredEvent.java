package io.logshipper.logback;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.logshipper.spi.DeferredEntry;

/**
 * An event handed to the shipper with everything thread-dependent already captured
 * ({@code prepareForDeferredProcessing}, and caller data when the layout prints it); the layout runs later, on
 * the shipper's thread, as it would behind Logback's {@code AsyncAppender}.
 */
final class DeferredEvent implements DeferredEntry {

    /**
     * What a waiting event costs on the heap besides its message's characters and the core's per-entry 72 bytes:
     * the event, its {@code Instant}, the formatted message's String and this object. Measured by {@code EntryCost}
     * in benchmarks/: 227 bytes retained in all for a 16-character message without MDC, whose two arguments the
     * benchmark's corpus holds anyway (so they are not in that figure; they are counted below).
     */
    private static final int EVENT_OVERHEAD = 160;
    /** One MDC pair besides its characters: a node of the event's own copy of the map, and the value's String. */
    private static final int MDC_PAIR_OVERHEAD = 32;
    /** A throwable's proxy and its fixed parts, and each frame: its proxy and (for a new throwable) the frame. */
    private static final int THROWABLE_OVERHEAD = 256;
    private static final int FRAME_OVERHEAD = 96;
    /**
     * The event keeps its argument array ({@code log.info("entry {}", i)}, which Logback makes for every call): the
     * array's header, and per argument its slot and, for anything but a String (counted by its characters too), a
     * small object such as a boxed number. An argument's own graph is not walked: the event holds it as the
     * application does anyway. Scenario 4 in benchmarks/ measured 281 bytes per waiting {@code "app entry {}"} event
     * with a {@code long} argument against 246 counted without this.
     */
    private static final int ARGUMENTS_OVERHEAD = 16;
    private static final int ARGUMENT_OVERHEAD = 20;
    private static final int STRING_ARGUMENT_OVERHEAD = 44;
    /** Causes and suppressed throwables counted at most, against a hostile cycle. */
    private static final int MAX_THROWABLES = 32;

    private final ILoggingEvent event;
    private final EventConverter converter;
    private final int size;

    DeferredEvent(ILoggingEvent event, EventConverter converter) {
        this.event = event;
        this.converter = converter;
        String message = event.getFormattedMessage();
        long sum = (long) (message == null ? 0 : message.length()) + EVENT_OVERHEAD + mdcSize(event)
                + argumentsSize(event.getArgumentArray()) + throwableSize(event.getThrowableProxy());
        this.size = (int) Math.min(sum, Integer.MAX_VALUE);
    }

    /** Capped at a quarter of {@code Integer.MAX_VALUE}: one argument repeated many times must not overflow. */
    private static int argumentsSize(Object[] arguments) {
        if (arguments == null) {
            return 0;
        }
        long size = ARGUMENTS_OVERHEAD;
        // At most the first 256 are looked at (a hostile varargs call); the rest count as small objects.
        int looked = Math.min(arguments.length, 256);
        for (int i = 0; i < looked; i++) {
            size += arguments[i] instanceof String text ? STRING_ARGUMENT_OVERHEAD + text.length() : ARGUMENT_OVERHEAD;
        }
        size += (long) (arguments.length - looked) * ARGUMENT_OVERHEAD;
        return (int) Math.min(size, Integer.MAX_VALUE / 4);
    }

    private static int mdcSize(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return 0;
        }
        int size = 0;
        for (Map.Entry<String, String> e : mdc.entrySet()) {
            size += MDC_PAIR_OVERHEAD + length(e.getKey()) + length(e.getValue());
        }
        return size;
    }

    /** The proxy's frames, its causes' and its suppressed throwables', counted on the logging thread. */
    private static int throwableSize(IThrowableProxy proxy) {
        if (proxy == null) {
            return 0;
        }
        int size = 0;
        ArrayDeque<IThrowableProxy> todo = new ArrayDeque<>();
        todo.add(proxy);
        for (int n = 0; !todo.isEmpty() && n < MAX_THROWABLES; n++) {
            IThrowableProxy p = todo.poll();
            StackTraceElementProxy[] frames = p.getStackTraceElementProxyArray();
            size += THROWABLE_OVERHEAD + length(p.getMessage()) + (frames == null ? 0 : frames.length * FRAME_OVERHEAD);
            if (p.getCause() != null) {
                todo.add(p.getCause());
            }
            IThrowableProxy[] suppressed = p.getSuppressed();
            if (suppressed != null) {
                todo.addAll(Arrays.asList(suppressed));
            }
        }
        return size;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    @Override
    public String render() {
        // The shipper leaves out the line break that ends the layout's output, without copying the string.
        return converter.layoutText(event);
    }

    @Override
    public int sizeEstimate() {
        return size;
    }
}
