package io.logshipper.examples.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Ships this program's Log4j2 logs to Kafka through the {@code <KafkaLog>} appender configured in
 * {@code log4j2-example.xml}.
 *
 * <pre>
 * java -cp ... io.logshipper.examples.log4j2.Log4j2Example localhost:9092
 * </pre>
 *
 * <p>The broker address reaches {@code log4j2-example.xml} as the system property {@code logshipper.bootstrap}, so it must
 * be set before the first logger is obtained; that is why there is no static logger field here.
 */
public final class Log4j2Example {

    private Log4j2Example() {
    }

    /**
     * Logs a few events and shuts Log4j2 down, which flushes the appender.
     *
     * @param args the Kafka bootstrap servers, e.g. {@code localhost:9092}
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: Log4j2Example <bootstrap-servers>");
            System.exit(2);
        }
        System.setProperty("logshipper.bootstrap", args[0]);
        System.setProperty("log4j2.configurationFile", "log4j2-example.xml");
        Logger log = LogManager.getLogger(Log4j2Example.class);

        ThreadContext.put("requestId", "req-1234");
        try {
            log.debug("starting with bootstrap servers {}", args[0]);
            log.info("hello from Log4j2");
            log.warn("disk {}% full", 91);
            try {
                parsePort("not-a-number");
            } catch (IllegalArgumentException e) {
                log.error("could not read the port", e);
            }
        } finally {
            ThreadContext.clearMap();
            // Stops the appenders: KafkaLog sends what is still buffered within its closeTimeoutSecs.
            LogManager.shutdown();
        }
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + text + "'", e);
        }
    }
}
