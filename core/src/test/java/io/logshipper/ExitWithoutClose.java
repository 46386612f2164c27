package io.logshipper;

import java.time.Duration;

/**
 * A program that logs and returns from {@code main} without closing its shipper, run in a child JVM by
 * {@link ShutdownHookTest}. Arguments: bootstrap servers, topic, entries to log, and {@code hook} or
 * {@code no-hook}.
 */
public final class ExitWithoutClose {

    private ExitWithoutClose() {
    }

    /** Logs the entries and returns; only the shutdown hook, if registered, gets them to Kafka. */
    public static void main(String[] args) {
        LogShipper shipper = LogShipper.builder().bootstrapServers(args[0]).topic(args[1]).programId("exit")
                .interval(Duration.ofMinutes(1)).sendWhenIdle(false).shutdownHook(args[3].equals("hook")).build();
        int entries = Integer.parseInt(args[2]);
        for (int i = 0; i < entries; i++) {
            if (!shipper.log("entry " + i)) {
                System.err.println("refused entry " + i);
                System.exit(3);
            }
        }
    }
}
