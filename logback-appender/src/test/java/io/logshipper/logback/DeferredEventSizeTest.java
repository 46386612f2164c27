package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;

/** What a waiting event is counted against the buffer's byte cap. */
class DeferredEventSizeTest {

    private static final LoggerContext CONTEXT = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();

    @Test
    void theArgumentArrayAnEventKeepsIsCounted() {
        int plain = size(event("app entry 123456", (Object[]) null));
        int withLong = size(event("app entry {}", 123456L));
        // The same formatted text, plus the Object[1] and the boxed Long the event holds on to.
        assertThat(withLong - plain).isBetween(32, 48);
        String big = "x".repeat(10_000);
        assertThat(size(event("{}", big))).isGreaterThan(2 * big.length());
    }

    @Test
    void oneHugeArgumentRepeatedDoesNotOverflowTheCount() {
        String huge = "y".repeat(1 << 24);
        Object[] many = new Object[10_000];
        java.util.Arrays.fill(many, huge);
        assertThat(size(event("many", many))).isPositive().isGreaterThan(1 << 24);
    }

    private static LoggingEvent event(String pattern, Object... arguments) {
        LoggingEvent e = new LoggingEvent("fqcn", CONTEXT.getLogger("app"), Level.INFO, pattern, null, arguments);
        e.prepareForDeferredProcessing();
        return e;
    }

    private static int size(LoggingEvent event) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(CONTEXT);
        layout.setPattern("%m");
        layout.start();
        return new DeferredEvent(event, EventConverter.ofLayout(layout)).sizeEstimate();
    }
}
