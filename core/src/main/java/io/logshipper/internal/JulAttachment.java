package io.logshipper.internal;

import java.util.Locale;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.logshipper.EntryFormat;
import io.logshipper.LogEntry;
import io.logshipper.LogShipper;
import io.logshipper.spi.SafeText;
import io.logshipper.spi.SelfLogging;
import io.logshipper.spi.LoggingAttachment;

/** Ships {@code java.util.logging} records from the root logger: the fallback when no other framework is in use. */
public final class JulAttachment implements LoggingAttachment {

    @Override
    public String name() {
        return "java.util.logging";
    }

    @Override
    public boolean isInUse() {
        return true;
    }

    @Override
    public AutoCloseable attach(LogShipper shipper, String minimumLevel) {
        Logger root = Logger.getLogger("");
        ShippingHandler handler = new ShippingHandler(shipper);
        handler.setLevel(minimumLevel == null ? Level.ALL : julLevel(minimumLevel));
        root.addHandler(handler);
        return () -> root.removeHandler(handler);
    }

    /** Maps SLF4J-style names (TRACE, DEBUG, WARN, ERROR) as well as JUL's own onto JUL levels. */
    static Level julLevel(String name) {
        switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE":
                return Level.FINEST;
            case "DEBUG":
                return Level.FINE;
            case "WARN":
                return Level.WARNING;
            case "ERROR":
                return Level.SEVERE;
            default:
                return Level.parse(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    private static final class ShippingHandler extends Handler {
        private final LogShipper shipper;
        private final Formatter messages = new SimpleFormatter();

        ShippingHandler(LogShipper shipper) {
            this.shipper = shipper;
        }

        @Override
        public void publish(LogRecord record) {
            if (record == null || !isLoggable(record) || SelfLogging.mustNotShip(record.getLoggerName())) {
                return;
            }
            try {
                LogEntry entry = LogEntry.builder().time(record.getInstant()).level(record.getLevel().getName())
                        .logger(record.getLoggerName()).thread(Thread.currentThread().getName())
                        .message(messages.formatMessage(record)).exception(SafeText.stackTrace(record.getThrown()))
                        .build();
                if (shipper.config().entryFormat() == EntryFormat.JSON) {
                    shipper.log(entry);
                } else {
                    shipper.log(entry.exception() == null ? entry.message()
                            : entry.message() + "\n" + entry.exception());
                }
            } catch (RuntimeException e) {
                // counted: see LogShipper.unrenderable
                // JUL would hand an exception from publish to the application's logging call.
                reportError("could not ship a log record", e, ErrorManager.FORMAT_FAILURE);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
