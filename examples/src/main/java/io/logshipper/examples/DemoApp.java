package io.logshipper.examples;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The demo's "application": a little order service that logs at every level, with MDC and an exception. */
final class DemoApp {

    private static final Logger log = LoggerFactory.getLogger("com.example.orders.OrderService");

    private DemoApp() {
    }

    /** Logs for about {@code duration}; returns how many entries it logged. */
    static int run(Duration duration) throws InterruptedException {
        int logged = 0;
        log.info("order service starting");
        logged++;
        long end = System.nanoTime() + duration.toNanos();
        for (int order = 1; System.nanoTime() < end; order++) {
            MDC.put("orderId", String.valueOf(order));
            log.debug("validating order {}", order);
            log.info("order {} accepted", order);
            logged += 2;
            if (order % 5 == 0) {
                log.warn("order {} is large; flagged for review", order);
                logged++;
            }
            if (order % 9 == 0) {
                try {
                    charge(order);
                } catch (IllegalStateException e) {
                    log.error("order {} failed", order, e);
                    logged++;
                }
            }
            MDC.remove("orderId");
            Thread.sleep(250);
        }
        log.info("order service stopping");
        return logged + 1;
    }

    private static void charge(int order) {
        try {
            throw new java.io.IOException("payment gateway timed out");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not charge order " + order, e);
        }
    }
}
