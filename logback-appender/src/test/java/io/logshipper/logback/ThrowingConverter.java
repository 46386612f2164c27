package io.logshipper.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** A pattern converter that throws for events with the marker {@code BREAK_LAYOUT}, as a buggy plug-in would. */
public final class ThrowingConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        if (event.getMarkerList() != null
                && event.getMarkerList().stream().anyMatch(m -> "BREAK_LAYOUT".equals(m.getName()))) {
            throw new IllegalStateException("the converter is broken");
        }
        return "ok";
    }
}
