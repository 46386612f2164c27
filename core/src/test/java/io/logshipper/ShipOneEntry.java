package io.logshipper;

import java.time.Duration;

/**
 * A program that ships one entry and closes, run in a child JVM by {@link NativeAccessTest}. Arguments:
 * bootstrap servers, topic, and a {@code compression.type} or {@code default}.
 */
public final class ShipOneEntry {

    private ShipOneEntry() {
    }

    /** Ships the entry; exits 3 if it was not delivered. */
    public static void main(String[] args) {
        LogShipperBuilder b = LogShipper.builder().bootstrapServers(args[0]).topic(args[1]).programId("native")
                .interval(Duration.ofMinutes(1)).sendWhenIdle(false);
        if (!args[2].equals("default")) {
            b.producerSetting("compression.type", args[2]);
        }
        System.out.println("JAVA " + Runtime.version().feature());
        LogShipper shipper = b.build();
        shipper.log("compressed with " + args[2]);
        System.exit(shipper.close(Duration.ofSeconds(60)) == 0 ? 0 : 3);
    }
}
