package io.logshipper.benchmarks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

import io.logshipper.LogShipper;
import io.logshipper.logback.KafkaLogAppender;

/**
 * The logging set-ups compared, by name (the JMH {@code impl} parameter and the scenario harness's argument).
 * Every one logs {@code "app entry {}"} with one long argument through the INFO level of a logger named
 * {@code bench}; those that format text use the same pattern, {@link #PATTERN}.
 */
public final class Targets {

    /** The layout every text-producing set-up uses. */
    public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger - %msg";

    /** The set-ups in this process (the danielwegener peer runs in its own, see benchmarks/peer-dw). */
    public static final List<String> ALL = List.of("disabled", "logbackAsync", "log4j2AsyncLogger",
            "logshipperCore", "logshipperLogback", "logshipperLog4j2", "log4j2KafkaAsync", "log4j2KafkaSync");

    private Targets() {
    }

    /**
     * Starts a set-up logging to {@code topic} at {@code bootstrap}. Settings other than those are each
     * library's defaults, as a user gets them; logshipper gets only a program id.
     */
    public static Target create(String impl, String bootstrap, String topic, long maxBufferedBytes) {
        switch (impl) {
            case "disabled":
                return logback(impl, null, Level.OFF);
            case "logbackAsync": {
                ch.qos.logback.classic.LoggerContext ctx = logbackContext(impl);
                NoOpAppender noop = new NoOpAppender();
                noop.setContext(ctx);
                noop.start();
                AsyncAppender async = new AsyncAppender();
                async.setContext(ctx);
                async.setNeverBlock(true);
                async.addAppender(noop);
                async.start();
                return logback(ctx, async, Level.INFO);
            }
            case "logshipperLogback": {
                ch.qos.logback.classic.LoggerContext ctx = logbackContext(impl);
                PatternLayout layout = new PatternLayout();
                layout.setContext(ctx);
                layout.setPattern(PATTERN + "%n%ex");
                layout.start();
                KafkaLogAppender appender = new KafkaLogAppender();
                appender.setContext(ctx);
                appender.setTopic(topic);
                appender.setProgramId("bench");
                appender.setBootstrapServers(bootstrap);
                appender.setLayout(layout);
                if (maxBufferedBytes > 0) {
                    appender.setMaxBufferedBytes(Long.toString(maxBufferedBytes));
                    appender.setMaxBufferedEntries("10000000");
                } else if (System.getProperty("bench.maxBufferedEntries") != null) {
                    appender.setMaxBufferedEntries(System.getProperty("bench.maxBufferedEntries"));
                }
                appender.start();
                if (!appender.isStarted()) {
                    throw new IllegalStateException("the logshipper Logback appender did not start: "
                            + ctx.getStatusManager().getCopyOfStatusList());
                }
                Target t = logback(ctx, appender, Level.INFO);
                return new Target() {
                    @Override
                    public void log(long i) {
                        t.log(i);
                    }

                    @Override
                    public void close() {
                        t.close();
                    }

                    @Override
                    public String stats() {
                        LogShipper s = appender.getShipper();
                        return s == null ? "" : s.stats().toString();
                    }
                };
            }
            case "logshipperCore": {
                var b = LogShipper.builder().bootstrapServers(bootstrap).topic(topic).programId("bench");
                if (maxBufferedBytes > 0) {
                    b.maxBufferedBytes(maxBufferedBytes).maxBufferedEntries(10_000_000);
                } else if (System.getProperty("bench.maxBufferedEntries") != null) {
                    b.maxBufferedEntries(Integer.getInteger("bench.maxBufferedEntries"));
                }
                LogShipper shipper = b.build();
                return new Target() {
                    @Override
                    public void log(long i) {
                        shipper.log("app entry " + i);
                    }

                    @Override
                    public void close() {
                        shipper.close();
                    }

                    @Override
                    public String stats() {
                        return shipper.stats().toString();
                    }
                };
            }
            case "log4j2AsyncLogger":
                return log4j2(impl, "log4j2-null.xml", true, bootstrap, topic, "false");
            case "logshipperLog4j2":
                return log4j2(impl, "log4j2-logshipper.xml", false, bootstrap, topic, "false");
            case "log4j2KafkaAsync":
                return log4j2(impl, "log4j2-kafka.xml", false, bootstrap, topic, "false");
            case "log4j2KafkaSync":
                return log4j2(impl, "log4j2-kafka.xml", false, bootstrap, topic, "true");
            default:
                throw new IllegalArgumentException("unknown impl " + impl + "; one of " + ALL);
        }
    }

    /** A fresh Logback context with its MDC adapter, as SLF4J's Logback provider gives every context in an application. */
    private static ch.qos.logback.classic.LoggerContext logbackContext(String impl) {
        ch.qos.logback.classic.LoggerContext ctx = new ch.qos.logback.classic.LoggerContext();
        ctx.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        ctx.setName("bench-" + impl);
        return ctx;
    }

    private static Target logback(String impl, Object unused, Level level) {
        ch.qos.logback.classic.LoggerContext ctx = logbackContext(impl);
        NoOpAppender noop = new NoOpAppender();
        noop.setContext(ctx);
        noop.start();
        return logback(ctx, noop, level);
    }

    private static Target logback(ch.qos.logback.classic.LoggerContext ctx,
            ch.qos.logback.core.Appender<ILoggingEvent> appender, Level level) {
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(level);
        ctx.start();
        org.slf4j.Logger log = ctx.getLogger("bench");
        return new Target() {
            @Override
            public void log(long i) {
                log.info("app entry {}", i);
            }

            @Override
            public void close() {
                ctx.stop();
            }
        };
    }

    private static Target log4j2(String impl, String config, boolean asyncLoggers, String bootstrap, String topic,
            String syncSend) {
        System.setProperty("bench.bootstrap", bootstrap);
        System.setProperty("bench.topic", topic);
        System.setProperty("bench.syncSend", syncSend);
        System.setProperty("bench.pattern", PATTERN + "%n");
        URI uri;
        try {
            uri = Targets.class.getResource("/" + config).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        LoggerContext ctx = asyncLoggers ? new AsyncLoggerContext("bench-" + impl, null, uri)
                : new LoggerContext("bench-" + impl, null, uri);
        ctx.start();
        org.apache.logging.log4j.Logger log = ctx.getLogger("bench");
        if (!log.isInfoEnabled() || ctx.getConfiguration().getAppenders().size() != 1) {
            throw new IllegalStateException(config + " did not load: " + ctx.getConfiguration());
        }
        if (asyncLoggers && !(log instanceof org.apache.logging.log4j.core.async.AsyncLogger)) {
            throw new IllegalStateException("not an async logger: " + log.getClass());
        }
        return new Target() {
            @Override
            public void log(long i) {
                log.info("app entry {}", i);
            }

            @Override
            public void close() {
                // The stop timeout an application gets from LogManager.shutdown() is tiny; give every appender
                // the same generous budget so that what is lost is the appender's doing.
                ctx.stop(30, TimeUnit.SECONDS);
            }
        };
    }

    /** An appender that does nothing: what an async appender's worker hands events to in the baselines. */
    static final class NoOpAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
        }
    }
}
