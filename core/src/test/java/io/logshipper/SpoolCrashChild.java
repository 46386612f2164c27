package io.logshipper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.logshipper.config.Settings;

/**
 * A program with the disk spool on, run in a child JVM by {@link SpoolCrashTest}, which kills it with SIGKILL.
 * Arguments: bootstrap servers, topic, program id, spool directory, entries to log, entry prefix, stop file. It logs
 * the entries in bursts, says {@code READY} once they have had time to be assembled into the spool, then runs until
 * the stop file appears (or it is killed), and closes.
 */
public final class SpoolCrashChild {

    private SpoolCrashChild() {
    }

    /** Logs, says READY, waits for the stop file or the kill. */
    public static void main(String[] args) throws Exception {
        LogShipper shipper = LogShipper.builder().bootstrapServers(args[0]).topic(args[1]).programId(args[2])
                .set(Settings.SPOOL_DIR, args[3]).interval(Duration.ofMillis(100)).sendWhenIdle(false).build();
        int entries = Integer.parseInt(args[4]);
        for (int i = 0; i < entries; i++) {
            if (!shipper.log(args[5] + " " + i)) {
                System.out.println("REFUSED " + i);
            }
            if (i % 50 == 49) {
                Thread.sleep(50);
            }
        }
        // Longer than a send blocked on missing metadata (max.block.ms, 2 s) plus intervals: all is assembled.
        Thread.sleep(5000);
        System.out.println("READY");
        System.out.flush();
        Path stop = Path.of(args[6]);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Files.exists(stop) && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        shipper.close(Duration.ofSeconds(10));
        System.out.println("CLOSED " + shipper.stats());
    }
}
