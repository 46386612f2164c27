package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.message.StringFormattedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.logshipper.spi.DeferredEntry;

/**
 * The layout run on the shipper's thread from a compact capture writes exactly what it writes on the logging
 * thread, and patterns or events it cannot reproduce later are still rendered on the caller.
 */
class DeferredPatternTest {

    private static final DefaultConfiguration CONFIG = new DefaultConfiguration();

    @ParameterizedTest
    @ValueSource(strings = {EventCapture.DEFAULT_PATTERN,
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger - %msg%n",
            "%d %p %c{1.} [%t] %m%n", "%d{HH:mm:ss.SSSSSS} %-5p %30.30c %tid %tp %X{user} %X - %m%n",
            "%d{ISO8601}{UTC} %level{length=1} %c: %m %n", "[%t] %m"})
    void rendersOnTheShipperThreadWhatTheCallerWouldHaveRendered(String pattern) {
        EventCapture capture = EventCapture.withLayout(layout(pattern), CONFIG);
        assertThat(capture.defersLayout()).isTrue();
        for (LogEvent event : new LogEvent[] {event(false), event(true), reusedEvent(),
                event(new StringFormattedMessage("%s of %d", "part", 3)), event(new SimpleMessage("plain ünïcode"))}) {
            String expected = capture.text(event);
            DeferredPattern deferred = DeferredPattern.forLayout(layout(pattern), CONFIG);
            DeferredEntry entry = deferred.capture(event);
            assertThat(entry).isNotNull();
            // Rendered twice (a repeated send), on another thread, after the event was reused.
            String[] rendered = new String[2];
            Thread t = new Thread(() -> {
                rendered[0] = strip(entry.render());
                rendered[1] = strip(entry.render());
            });
            if (event instanceof MutableLogEvent reused) {
                reused.clear();
            }
            t.start();
            join(t);
            assertThat(rendered[0]).isEqualTo(expected);
            assertThat(rendered[1]).isEqualTo(expected);
            assertThat(entry.sizeEstimate()).isGreaterThan(event.getMessage().getFormattedMessage().length());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%d %highlight{%p} %m%n", "%d %C.%M:%L %m%n", "%d %l %m", "%m{json}", "%K %m",
            "%d ${ctx:user} %m", "%marker %m", "%d %enc{%m}"})
    void patternsWhoseConversionsNeedTheEventAreRenderedOnTheCaller(String pattern) {
        assertThat(DeferredPattern.forLayout(layout(pattern), CONFIG)).isNull();
    }

    @Test
    void eventsWithAThrowableAreRenderedOnTheCaller() {
        DeferredPattern deferred = DeferredPattern.forLayout(layout(EventCapture.DEFAULT_PATTERN), CONFIG);
        LogEvent withThrowable = Log4jLogEvent.newBuilder().setLoggerName("app").setLevel(Level.ERROR)
                .setMessage(new ParameterizedMessage("failed {}", 1)).setThrown(new IllegalStateException("x"))
                .build();
        assertThat(deferred.capture(withThrowable)).isNull();
    }

    @Test
    void aParameterThatLogsToAnotherAppenderWhileBeingFormattedLeavesBothEntriesWhole() {
        DeferredPattern outer = DeferredPattern.forLayout(layout("%m"), CONFIG);
        DeferredPattern inner = DeferredPattern.forLayout(layout("%m"), CONFIG);
        DeferredEntry[] nested = new DeferredEntry[1];
        Object loggingParameter = new Object() {
            @Override
            public String toString() {
                // As a second logshipper appender would capture an event logged from inside this toString.
                nested[0] = inner.capture(event(new ParameterizedMessage("nested {} entry", "inner")));
                return "P";
            }
        };
        DeferredEntry entry = outer.capture(event(new ParameterizedMessage("value {} end", loggingParameter)));
        assertThat(strip(entry.render())).isEqualTo("value P end");
        assertThat(strip(nested[0].render())).isEqualTo("nested inner entry");
    }

    @Test
    void aLayoutRunOnTheCallerKeepsItsTextWhenAParameterLogsToAnotherAppender() {
        // %highlight needs the event, so this layout runs on the logging thread.
        EventCapture outer = EventCapture.withLayout(layout("%highlight{%p}{STYLE=none} %m"), CONFIG);
        EventCapture inner = EventCapture.withLayout(layout("%highlight{%p}{STYLE=none} %m"), CONFIG);
        assertThat(outer.defersLayout()).isFalse();
        String[] nested = new String[1];
        Object loggingParameter = new Object() {
            @Override
            public String toString() {
                nested[0] = inner.text(event(new SimpleMessage("nested entry")));
                return "P";
            }
        };
        String text = outer.text(event(new ParameterizedMessage("value {} end", loggingParameter)));
        assertThat(text).endsWith(" value P end");
        assertThat(nested[0]).endsWith(" nested entry");
    }

    private static PatternLayout layout(String pattern) {
        return PatternLayout.newBuilder().withPattern(pattern).withConfiguration(CONFIG)
                .withCharset(StandardCharsets.UTF_8).build();
    }

    private static LogEvent event(boolean context) {
        SortedArrayStringMap data = new SortedArrayStringMap();
        if (context) {
            data.putValue("user", "ann");
            data.putValue("request", "r-17");
        }
        MutableInstant instant = new MutableInstant();
        instant.initFromEpochSecond(1_796_000_000L, 123_456_789);
        return Log4jLogEvent.newBuilder().setLoggerName("app.orders.Service").setLevel(Level.WARN)
                .setMessage(new ParameterizedMessage("order {} took {} ms", "A-1", 42)).setThreadName("worker-3")
                .setThreadId(31).setThreadPriority(5).setMarker(MarkerManager.getMarker("M"))
                .setInstant(instant).setContextData(data).build();
    }

    private static LogEvent event(Message message) {
        return new Log4jLogEvent.Builder(event(false)).setMessage(message).build();
    }

    /** An event as a garbage-free logger hands it over: reused, with a context map that is cleared afterwards. */
    private static LogEvent reusedEvent() {
        MutableLogEvent event = new MutableLogEvent();
        event.initFrom(event(true));
        return event;
    }

    private static String strip(String text) {
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
