package io.logshipper.internal;

import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.logshipper.EntryFormat;
import io.logshipper.LogEntry;
import io.logshipper.LogLevel;
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
    public AutoCloseable attach(LogShipper shipper) {
        Logger root = Logger.getLogger("");
        ShippingHandler handler = new ShippingHandler(shipper);
        handler.setLevel(julLevel(shipper.config().logLevel()));
        root.addHandler(handler);
        return () -> root.removeHandler(handler);
    }

    /** The JUL level of each of logshipper's level names. */
    static Level julLevel(LogLevel level) {
        return switch (level) {
            case ALL -> Level.ALL;
            case TRACE -> Level.FINEST;
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARN -> Level.WARNING;
            case ERROR, FATAL -> Level.SEVERE;
            case OFF -> Level.OFF;
        };
    }

    private static final class ShippingHandler extends Handler {
        private final LogShipper shipper;
        private final Formatter messages = new SimpleFormatter();
        private final boolean refuseKafkaLoggers;

        ShippingHandler(LogShipper shipper) {
            this.shipper = shipper;
            this.refuseKafkaLoggers = shipper.config().refuseKafkaLoggers();
        }

        @Override
        public void publish(LogRecord record) {
            if (record == null || !isLoggable(record)
                    || SelfLogging.mustNotShip(record.getLoggerName(), refuseKafkaLoggers)) {
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
                // Counted and reported in-band like any drop; JUL would hand an exception from publish to the
                // application's logging call.
                shipper.unrenderable(e);
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
