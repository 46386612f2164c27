package io.logshipper.benchmarks.dw;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;

/**
 * danielwegener logback-kafka-appender 0.2.0-RC2 on the root logger of Logback 1.2.13's default context, configured
 * as its README shows (asynchronous delivery, no key) with only {@code bootstrap.servers} set; the Kafka client's
 * own logging goes through the same context, as it does in an application.
 */
final class DwTarget {

    /** The same layout the logshipper benchmarks use. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger - %msg%n";

    private final LoggerContext ctx;
    private final Logger log;

    DwTarget(String bootstrap, String topic) throws Exception {
        System.setProperty("bench.bootstrap", bootstrap);
        System.setProperty("bench.topic", topic);
        System.setProperty("bench.pattern", PATTERN);
        ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(ctx);
        c.doConfigure(DwTarget.class.getResource("/dw-logback.xml"));
        log = LoggerFactory.getLogger("bench");
    }

    void log(long i) {
        log.info("app entry {}", i);
    }

    /** Logs line {@code i} of the realistic corpus: its logger, level, template, arguments, MDC and throwable. */
    void log(io.logshipper.benchmarks.shared.Corpus corpus, long i) {
        io.logshipper.benchmarks.shared.Corpus.Line line = corpus.line(i);
        Logger logger = ctx.getLogger(line.logger());
        line.mdc().forEach(org.slf4j.MDC::put);
        switch (line.level()) {
            case "WARN" -> logger.warn(line.template(), line.args());
            case "ERROR" -> logger.error(line.template(), line.args());
            default -> logger.info(line.template(), line.args());
        }
        if (!line.mdc().isEmpty()) {
            org.slf4j.MDC.clear();
        }
    }

    void close() {
        ctx.stop();
    }
}
