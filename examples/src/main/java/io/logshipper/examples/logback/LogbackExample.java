package io.logshipper.examples.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import ch.qos.logback.classic.LoggerContext;

/**
 * Logs a few lines through SLF4J and Logback; the {@code KAFKA} appender in {@code logback-example.xml} ships them.
 *
 * <pre>java io.logshipper.examples.logback.LogbackExample localhost:9092</pre>
 */
public final class LogbackExample {

    private LogbackExample() {
    }

    /**
     * Runs the example.
     *
     * @param args the Kafka bootstrap servers, e.g. {@code localhost:9092}
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: LogbackExample <bootstrap servers>");
            System.exit(2);
        }
        // Set before the first LoggerFactory call: that call configures Logback, and logback-example.xml reads it.
        System.setProperty("logshipper.bootstrap", args[0]);
        // This module's logback.xml is the demo's; the example's own configuration is logback-example.xml.
        System.setProperty("logback.configurationFile", "logback-example.xml");
        Logger log = LoggerFactory.getLogger(LogbackExample.class);

        log.info("example starting");
        log.debug("debug detail: {} + {} = {}", 2, 2, 4);
        log.warn("disk usage at {}%", 91);
        MDC.put("requestId", "req-42");
        try {
            log.info("handling a request");
            Integer.parseInt("forty-two");
        } catch (NumberFormatException e) {
            log.error("could not parse the order number", e);
        } finally {
            MDC.remove("requestId");
        }
        log.info("example done");

        // Stopping the context stops the appender, which sends everything still buffered before returning.
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
