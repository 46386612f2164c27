package io.logshipper.log4j2;

import java.io.Serializable;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.status.StatusLogger;

import io.logshipper.EntryFormat;
import io.logshipper.LogLevel;
import io.logshipper.LogShipper;
import io.logshipper.spi.ProblemChannel;
import io.logshipper.spi.SelfLogging;
import io.logshipper.spi.LoggingAttachment;

/**
 * Lets {@code LogShipperOptions.start()} ship every event reaching Log4j2's root logger, when Log4j2 is the
 * framework in use. The appender added lives until detached or until Log4j2 is reconfigured.
 */
public final class Log4j2Attachment implements LoggingAttachment {

    @Override
    public String name() {
        return "log4j2";
    }

    /** In use when log4j-core implements the Log4j API and SLF4J (if present) is not bound to Logback. */
    @Override
    public boolean isInUse() {
        try {
            if (!(LogManager.getContext(false) instanceof LoggerContext)) {
                return false;
            }
        } catch (LinkageError e) {
            return false;
        }
        // Looked up by name: SLF4J is optional here, and Logback is its own attachment's business.
        try {
            Object factory = Class.forName("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
            return !factory.getClass().getName().startsWith("ch.qos.logback");
        } catch (ReflectiveOperationException | LinkageError e) {
            return true;
        }
    }

    /** Log4j's StatusLogger, as WARN. */
    @Override
    public ProblemChannel problemChannel() {
        return (programId, problem) -> StatusLogger.getLogger().warn("logshipper [{}]: {}", programId, problem);
    }

    @Override
    public AutoCloseable attach(LogShipper shipper) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LogLevel minimum = shipper.config().logLevel();
        Level level = minimum == LogLevel.ALL ? null : Level.toLevel(minimum.name());
        Shipping appender = new Shipping("logshipper-" + shipper.programId(), shipper,
                EventCapture.withLayout(null, configuration));
        appender.start();
        configuration.addAppender(appender);
        LoggerConfig root = configuration.getRootLogger();
        root.addAppender(appender, level, null);
        context.updateLoggers();
        return () -> {
            root.removeAppender(appender.getName());
            context.updateLoggers();
            appender.stop();
        };
    }

    /** Hands events to a shipper it does not own. */
    private static final class Shipping extends AbstractAppender {
        private final LogShipper shipper;
        private final EventCapture capture;
        private final boolean json;
        private final boolean refuseKafkaLoggers;

        Shipping(String name, LogShipper shipper, EventCapture capture) {
            super(name, null, (org.apache.logging.log4j.core.Layout<? extends Serializable>) null, true,
                    Property.EMPTY_ARRAY);
            this.shipper = shipper;
            this.capture = capture;
            this.json = shipper.config().entryFormat() == EntryFormat.JSON;
            this.refuseKafkaLoggers = shipper.config().refuseKafkaLoggers();
        }

        @Override
        public void append(LogEvent event) {
            if (SelfLogging.mustNotShip(event.getLoggerName(), event.getThreadName(), refuseKafkaLoggers)) {
                return;
            }
            try {
                if (json) {
                    shipper.log(EventCapture.entry(event));
                } else {
                    capture.logText(shipper, event);
                }
            } catch (RuntimeException e) {
                // Counted as unrenderable and reported in the next message, like any drop.
                shipper.unrenderable(e);
            }
        }
    }
}
