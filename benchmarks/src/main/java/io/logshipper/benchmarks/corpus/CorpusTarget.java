package io.logshipper.benchmarks.corpus;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;

import ch.qos.logback.classic.Level;

import io.logshipper.LogEntry;
import io.logshipper.LogShipper;
import io.logshipper.LogShipperBuilder;
import io.logshipper.ShipperStats;
import io.logshipper.benchmarks.shared.Corpus;
import io.logshipper.config.Origin;
import io.logshipper.config.Setting;
import io.logshipper.config.Settings;

/**
 * One of logshipper's front doors (core, Logback appender, Log4j2 appender) in one entry format, logging the
 * lines of a {@link Corpus}. Settings are logshipper's defaults plus whatever {@code settings} names (builder
 * names, e.g. {@code maxBufferedBytes}); the text layout is each appender's default.
 */
public interface CorpusTarget extends AutoCloseable {

    /** The front doors, as named on the command line. */
    List<String> DOORS = List.of("core", "logback", "log4j2");

    /** Logs corpus line {@code i} from the calling thread. */
    void log(long i);

    /** The shipper's counters. */
    ShipperStats stats();

    /** Stops the logging system; returns once its shipper has flushed (or given up). */
    @Override
    void close();

    /** Starts {@code door} ({@link #DOORS}) with entry format {@code format} ({@code text} or {@code json}). */
    static CorpusTarget create(String door, String format, String bootstrap, String topic, Corpus corpus,
                               Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("bootstrapServers", bootstrap);
        all.put("topic", topic);
        all.put("programId", "bench");
        all.put("entryFormat", format);
        all.putAll(settings);
        switch (door) {
            case "core":
                return core(format, corpus, all);
            case "logback":
                return logback(corpus, all);
            case "log4j2":
                return log4j2(corpus, all);
            default:
                throw new IllegalArgumentException("unknown front door " + door + "; one of " + DOORS);
        }
    }

    private static CorpusTarget core(String format, Corpus corpus, Map<String, String> settings) {
        LogShipperBuilder b = LogShipper.builder().shutdownHook(false);
        // producer.<key>=<value> passes a Kafka producer setting through (e.g. producer.compression.type=zstd).
        settings.forEach((k, v) -> {
            if (k.startsWith("producer.")) {
                b.producerSetting(k.substring("producer.".length()), v);
            } else {
                b.setText(setting(k), v, Origin.BUILDER);
            }
        });
        LogShipper shipper = b.build();
        boolean json = "json".equals(format);
        return new CorpusTarget() {
            @Override
            public void log(long i) {
                Corpus.Line line = corpus.line(i);
                LogEntry entry = LogEntry.builder().time(Instant.now()).level(line.level()).logger(line.logger())
                        .thread(Thread.currentThread().getName()).message(line.message())
                        .exception(line.thrown() == null ? null : StackTraces.text(line.thrown()))
                        .mdc(line.mdc()).build();
                if (json) {
                    shipper.log(entry);
                } else {
                    shipper.log(io.logshipper.spi.SafeText.render(entry));
                }
            }

            @Override
            public ShipperStats stats() {
                return shipper.stats();
            }

            @Override
            public void close() {
                shipper.close();
            }
        };
    }

    private static Setting<?> setting(String name) {
        for (Setting<?> s : Settings.ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no setting " + name);
    }

    private static CorpusTarget logback(Corpus corpus, Map<String, String> settings) {
        ch.qos.logback.classic.LoggerContext ctx = new ch.qos.logback.classic.LoggerContext();
        // Its own adapter: with SLF4J's no-op provider on the class path (as the benchmarks run), org.slf4j.MDC is a no-op.
        org.slf4j.spi.MDCAdapter mdc = new ch.qos.logback.classic.util.LogbackMDCAdapter();
        ctx.setMDCAdapter(mdc);
        ctx.setName("corpus-logback");
        io.logshipper.logback.KafkaLogAppender appender = new io.logshipper.logback.KafkaLogAppender();
        appender.setContext(ctx);
        settings.forEach((k, v) -> {
            try {
                Method m = appender.getClass().getMethod("set" + Character.toUpperCase(k.charAt(0)) + k.substring(1),
                        String.class);
                m.invoke(appender, v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("the Logback appender has no setting " + k, e);
            }
        });
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("the Logback appender did not start: "
                    + ctx.getStatusManager().getCopyOfStatusList());
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        ctx.start();
        // Kept: the appender lets go of its shipper when it stops, and the counters are read after that.
        LogShipper shipper = appender.getShipper();
        return new CorpusTarget() {
            @Override
            public void log(long i) {
                Corpus.Line line = corpus.line(i);
                org.slf4j.Logger log = ctx.getLogger(line.logger());
                line.mdc().forEach(mdc::put);
                Object[] args = line.args();
                switch (line.level()) {
                    case "WARN" -> log.warn(line.template(), args);
                    case "ERROR" -> log.error(line.template(), args);
                    default -> log.info(line.template(), args);
                }
                if (!line.mdc().isEmpty()) {
                    mdc.clear();
                }
            }

            @Override
            public ShipperStats stats() {
                return shipper.stats();
            }

            @Override
            public void close() {
                ctx.stop();
            }
        };
    }

    /** The Log4j2 appender's shipper, which it does not make public (its statistics are for tests). */
    private static LogShipper log4j2Shipper(io.logshipper.log4j2.KafkaLogAppender appender) {
        try {
            Method m = appender.getClass().getDeclaredMethod("shipper");
            m.setAccessible(true);
            return (LogShipper) m.invoke(appender);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CorpusTarget log4j2(Corpus corpus, Map<String, String> settings) {
        StringBuilder attrs = new StringBuilder();
        settings.forEach((k, v) -> attrs.append(' ').append(k).append("=\"").append(v).append('"'));
        String xml = "<Configuration status=\"WARN\" packages=\"io.logshipper.log4j2\"><Appenders><KafkaLog name=\"KAFKA\"" + attrs
                + "/></Appenders><Loggers><Root level=\"INFO\"><AppenderRef ref=\"KAFKA\"/></Root></Loggers>"
                + "</Configuration>";
        Path file;
        try {
            file = Files.createTempFile("corpus-log4j2", ".xml");
            Files.writeString(file, xml);
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        LoggerContext ctx = new LoggerContext("corpus-log4j2", null, file.toUri());
        ctx.start();
        io.logshipper.log4j2.KafkaLogAppender appender = ctx.getConfiguration().getAppender("KAFKA");
        if (appender == null || log4j2Shipper(appender) == null) {
            throw new IllegalStateException("the Log4j2 appender did not start: " + xml);
        }
        io.logshipper.log4j2.KafkaLogAppender shipping = appender;
        return log4j2Corpus(ctx, corpus, () -> log4j2Shipper(shipping).stats());
    }

    /**
     * The peer: Log4j2's own {@code <Kafka>} appender (log4j-core's), with its pattern layout and {@code syncSend}
     * as given; it has no statistics ({@link #stats()} returns null), what it delivered is read back.
     */
    static CorpusTarget log4j2Kafka(boolean syncSend, String bootstrap, String topic, Corpus corpus) {
        System.setProperty("bench.bootstrap", bootstrap);
        System.setProperty("bench.topic", topic);
        System.setProperty("bench.syncSend", Boolean.toString(syncSend));
        System.setProperty("bench.pattern", io.logshipper.benchmarks.Targets.PATTERN + "%n%ex");
        java.net.URI uri;
        try {
            uri = CorpusTarget.class.getResource("/log4j2-kafka.xml").toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        LoggerContext ctx = new LoggerContext("corpus-log4j2-kafka", null, uri);
        ctx.start();
        return log4j2Corpus(ctx, corpus, () -> null);
    }

    private static CorpusTarget log4j2Corpus(LoggerContext ctx, Corpus corpus,
                                             java.util.function.Supplier<ShipperStats> stats) {
        return new CorpusTarget() {
            @Override
            public void log(long i) {
                Corpus.Line line = corpus.line(i);
                org.apache.logging.log4j.Logger log = ctx.getLogger(line.logger());
                if (!line.mdc().isEmpty()) {
                    ThreadContext.putAll(line.mdc());
                }
                Object[] args = line.args();
                switch (line.level()) {
                    case "WARN" -> log.warn(line.template(), args);
                    case "ERROR" -> log.error(line.template(), args);
                    default -> log.info(line.template(), args);
                }
                if (!line.mdc().isEmpty()) {
                    ThreadContext.clearMap();
                }
            }

            @Override
            public ShipperStats stats() {
                return stats.get();
            }

            @Override
            public void close() {
                ctx.stop(30, TimeUnit.SECONDS);
            }
        };
    }
}
