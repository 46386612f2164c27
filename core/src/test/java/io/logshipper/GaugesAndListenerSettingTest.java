package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.config.IniConfig;
import io.logshipper.config.IniFile;
import io.logshipper.config.SettingException;
import io.logshipper.config.Settings;
import io.logshipper.spi.ProblemChannel;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class GaugesAndListenerSettingTest {

    /** Created by the {@code listener} setting; counts in static totals. */
    public static final class Counting implements ShipperListener {
        static final AtomicLong SENT = new AtomicLong();

        /** Called by the shipper. */
        public Counting() {
        }

        @Override
        public void messageSent(String programId, int entries, int bytes, Duration latency) {
            SENT.addAndGet(entries);
        }
    }

    /** A listener whose constructor throws. */
    public static final class Throwing implements ShipperListener {
        /** Always throws. */
        public Throwing() {
            throw new IllegalStateException("no listening today");
        }
    }

    @Test
    void whileTheBrokerIsDownEntriesWaitAndTheOldestAgeGrowsAndTheChannelHearsIt() throws Exception {
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProblemChannel channel = (id, problem) -> said.add(id + ": " + problem);
        try (LogShipper shipper = LogShipper.builder().bootstrapServers("127.0.0.1:" + closedPort())
                .topic("nowhere").programId("gauged").interval(Duration.ofMillis(100)).sendWhenIdle(false)
                .shutdownHook(false).producerSetting("max.block.ms", "300").problemChannel(channel).build()) {
            for (int i = 0; i < 10; i++) {
                shipper.log("entry " + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !said.isEmpty());
            // The first ten wait in a message Kafka did not take; these wait in the buffer behind it.
            for (int i = 0; i < 5; i++) {
                shipper.log("later " + i);
            }
            ShipperGauges g = shipper.gauges();
            assertThat(shipper.stats().undelivered()).isEqualTo(15);
            assertThat(g.bufferedEntries()).isEqualTo(5);
            assertThat(g.bufferedBytes()).isPositive();
            assertThat(g.oldestUndeliveredAge()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(g.acknowledgedMessages()).isZero();
            assertThat(said).allSatisfy(s -> assertThat(s).startsWith("gauged: "));
            shipper.close(Duration.ofMillis(500));
            // A close whose budget ran out returns while the shipper's thread still ends its last attempt (it can
            // take the 300 ms max.block.ms and more on a busy machine); nothing waits once that thread is done.
            await().atMost(Duration.ofSeconds(10)).until(() -> shipper.gauges().oldestUndeliveredAge().isZero());
        }
    }

    @Test
    void afterDeliveryNothingWaitsAndTheLatencyIsKept(KafkaBroker broker) {
        try (LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers())
                .topic(KafkaBroker.uniqueTopic("gauges")).programId("gauges-ok").interval(Duration.ofMillis(100))
                .sendWhenIdle(false).shutdownHook(false).build()) {
            shipper.log("one");
            await().atMost(Duration.ofSeconds(30)).until(() -> shipper.stats().delivered() == 1);
            ShipperGauges g = shipper.gauges();
            assertThat(g.bufferedEntries()).isZero();
            assertThat(g.oldestUndeliveredAge()).isZero();
            assertThat(g.acknowledgedMessages()).isEqualTo(1);
            assertThat(g.lastDeliveryLatency()).isPositive();
            assertThat(g.deliveryLatencyTotal()).isEqualTo(g.lastDeliveryLatency());
        }
    }

    @Test
    void theListenerSettingCreatesTheNamedClassesFromTheBuilderAndTheIniFile(KafkaBroker broker) {
        long before = Counting.SENT.get();
        IniFile ini = IniFile.parse("app.ini", "[log]\nbootstrap.servers = " + broker.bootstrapServers()
                + "\ntopic = " + KafkaBroker.uniqueTopic("listener-setting") + "\nlistener = "
                + Counting.class.getName() + "\ninterval.secs = 0.1\nsend.when.idle = false\n", k -> null);
        try (LogShipper fromIni = IniConfig.applyTo(LogShipper.builder(), ini).shutdownHook(false).build();
             LogShipper fromBuilder = LogShipper.builder().bootstrapServers(broker.bootstrapServers())
                     .topic(KafkaBroker.uniqueTopic("listener-setting")).interval(Duration.ofMillis(100))
                     .sendWhenIdle(false).shutdownHook(false)
                     .set(Settings.LISTENER, List.of(Counting.class.getName())).build()) {
            fromIni.log("a");
            fromBuilder.log("b");
            await().atMost(Duration.ofSeconds(30)).until(() -> Counting.SENT.get() - before == 2);
        }
    }

    @Test
    void aListenerWhoseConstructorThrowsIsASettingErrorNamingItAndTheCause() {
        assertThatThrownBy(() -> LogShipper.builder().bootstrapServers("127.0.0.1:1").topic("t")
                .shutdownHook(false).set(Settings.LISTENER, List.of(Throwing.class.getName())).build())
                .isInstanceOf(SettingException.class)
                .hasMessage("listener names class '" + Throwing.class.getName()
                        + "', whose constructor threw IllegalStateException: no listening today");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
