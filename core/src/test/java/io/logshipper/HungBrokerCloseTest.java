package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A broker that accepts connections and never answers: closing against it runs out of time, and the shipper's
 * thread is interrupted at the deadline in the middle of whatever the Kafka producer was doing.
 */
@Isolated("replaces System.err")
@Timeout(60)
class HungBrokerCloseTest {

    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private PrintStream originalErr;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startSilentBroker() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-broker");
        acceptor.setDaemon(true);
        acceptor.start();
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopSilentBroker() throws IOException {
        System.setErr(originalErr);
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void closingAgainstAHungBrokerEndsTheThreadQuietlyWithinItsBudget() throws Exception {
        for (int run = 0; run < 8; run++) {
            // From blocked in send() when interrupted to just out of it (max.block.ms) and into producer.close.
            LogShipper shipper = LogShipper.builder().bootstrapServers("127.0.0.1:" + silent.getLocalPort())
                    .topic("logs").programId("hung-" + run).interval(Duration.ofMillis(50)).shutdownHook(false)
                    .producerSetting("max.block.ms", String.valueOf(60_000 >> (run * 2)))
                    .build();
            shipper.log("never delivered");
            // Not a synchronisation: the scenario is a shipper that has been stuck on the broker for a while.
            Thread.sleep(200);

            long start = System.nanoTime();
            long undelivered = shipper.close(Duration.ofMillis(300));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(undelivered).isEqualTo(1);
            assertThat(took).isLessThan(Duration.ofMillis(300 + 700));
        }
        // A thread that outlives close prints its uncaught exception when it ends.
        // An interrupted thread prints its uncaught exception at once. Kafka's I/O thread can stay in its first
        // InitProducerId wait after forceClose, so a shipper's daemon thread may linger (not interrupted, waiting)
        // in KafkaProducer.close's join well after close returned: that is not waited for.
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces()
                .keySet().stream().filter(t -> t.getName().startsWith("logshipper-hung-"))
                .allMatch(t -> !t.isAlive() || t.getState() == Thread.State.WAITING && !t.isInterrupted()));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("Exception in thread").doesNotContain("InterruptException");
    }
}
