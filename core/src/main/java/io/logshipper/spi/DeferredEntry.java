package io.logshipper.spi;

/**
 * A text entry whose text is produced later, on the shipper's thread, so that the logging thread only hands
 * over what it captured. Adapters use it to run a framework's layout off the caller's thread, as an async
 * appender does; whatever the layout reads from the logging thread (MDC, thread name, caller data) must have
 * been captured before the hand-off.
 */
public interface DeferredEntry {

    /**
     * The entry's text, as a layout writes it: one trailing line break ({@code \n} or {@code \r\n}) is left out
     * of the entry, so a layout's output can be returned as it is. Called on the shipper's thread, possibly more
     * than once if a send has to be repeated; an exception drops the entry, which is counted and reported
     * in-band.
     */
    String render();

    /**
     * Characters to count against {@code maxBufferedBytes}, estimated on the logging thread. Must return the
     * same value every time it is called.
     */
    int sizeEstimate();
}
