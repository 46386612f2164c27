package io.logshipper.examples.springboot.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot web application that logs as applications do (SLF4J, MDC, a failure with its stack trace);
 * {@code logback-spring.xml} ships those logs to Kafka. Nothing in the code knows about logshipper.
 */
@SpringBootApplication
@RestController
public class ShopApplication {

    private static final Logger LOG = LoggerFactory.getLogger(ShopApplication.class);

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }

    /** Takes an order: logs it with the order id in the MDC, a debug detail, and a failure for order "fail". */
    @GetMapping("/orders")
    public String order(@RequestParam("id") String id) {
        MDC.put("orderId", id);
        try {
            LOG.info("order {} accepted", id);
            LOG.debug("order {} details: 3 items", id);
            if (id.startsWith("fail")) {
                LOG.error("order {} could not be charged", id, new IllegalStateException("card declined",
                        new java.io.IOException("payment gateway closed the connection")));
            }
            return "ok " + id + "\n";
        } finally {
            MDC.remove("orderId");
        }
    }
}
