package io.logshipper.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.logshipper.spi.DeferredEntry;

/**
 * An event handed to the shipper with everything thread-dependent already captured
 * ({@code prepareForDeferredProcessing}, and caller data when the layout prints it); the layout runs later, on
 * the shipper's thread, as it would behind Logback's {@code AsyncAppender}.
 */
final class DeferredEvent implements DeferredEntry {

    /**
     * What a waiting event costs on the heap besides its message's characters: the event, its argument array,
     * and the references it keeps (measured by benchmarks/run.sh scenario 4: with 128 the heap went to 1.36x
     * the cap).
     */
    private static final int EVENT_OVERHEAD = 320;
    /** A rough size for a rendered stack trace, which is not rendered until later. */
    private static final int STACK_TRACE_ESTIMATE = 2048;

    private final ILoggingEvent event;
    private final EventConverter converter;
    private final int size;

    DeferredEvent(ILoggingEvent event, EventConverter converter) {
        this.event = event;
        this.converter = converter;
        String message = event.getFormattedMessage();
        this.size = (message == null ? 0 : 2 * message.length()) + EVENT_OVERHEAD
                + (event.getThrowableProxy() == null ? 0 : STACK_TRACE_ESTIMATE);
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
