package io.logshipper.logback;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.status.WarnStatus;
import io.logshipper.EntryFormat;
import io.logshipper.LogShipper;
import io.logshipper.spi.ProblemChannel;
import io.logshipper.spi.SelfLogging;
import io.logshipper.spi.LoggingAttachment;

/**
 * Lets {@code LogShipperOptions.start()} ship every event reaching Logback's root logger, when SLF4J is bound
 * to Logback.
 */
public final class LogbackAttachment implements LoggingAttachment {

    @Override
    public String name() {
        return "logback";
    }

    @Override
    public boolean isInUse() {
        try {
            return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
        } catch (LinkageError e) {
            return false;
        }
    }

    @Override
    public AutoCloseable attach(LogShipper shipper) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Shipping appender = new Shipping(shipper);
        appender.setContext(context);
        appender.setName("logshipper-" + shipper.programId());
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(KafkaLogAppender.logbackLevel(shipper.config().logLevel()).toString());
        threshold.start();
        appender.addFilter(threshold);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return () -> {
            root.detachAppender(appender);
            appender.stop();
        };
    }

    /** The logger context's status manager, as WARN (never ERROR: Spring Boot would refuse to start). */
    @Override
    public ProblemChannel problemChannel() {
        return (programId, problem) -> {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                context.getStatusManager().add(new WarnStatus("logshipper [" + programId + "]: " + problem, this));
            }
        };
    }

    /** Hands events to a shipper it does not own. */
    private static final class Shipping extends UnsynchronizedAppenderBase<ILoggingEvent> {
        private final LogShipper shipper;
        private final boolean json;
        private final boolean refuseKafkaLoggers;
        private EventConverter text;
        private PatternLayout layout;

        Shipping(LogShipper shipper) {
            this.shipper = shipper;
            this.json = shipper.config().entryFormat() == EntryFormat.JSON;
            this.refuseKafkaLoggers = shipper.config().refuseKafkaLoggers();
        }

        @Override
        public void start() {
            layout = new PatternLayout();
            layout.setContext(getContext());
            layout.setPattern(KafkaLogAppender.DEFAULT_PATTERN);
            layout.start();
            text = EventConverter.ofLayout(layout);
            super.start();
        }

        @Override
        public void stop() {
            super.stop();
            layout.stop();
        }

        @Override
        public void doAppend(ILoggingEvent event) {
            if (!SelfLogging.mustNotShip(event.getLoggerName(), event.getThreadName(), refuseKafkaLoggers)) {
                super.doAppend(event);
            }
        }

        @Override
        protected void append(ILoggingEvent event) {
            try {
                if (json) {
                    shipper.log(EventConverter.entry(event));
                } else {
                    shipper.log(text.text(event));
                }
            } catch (RuntimeException e) {
                // Counted as unrenderable and reported in the next message, like any drop.
                shipper.unrenderable(e);
            }
        }
    }
}
