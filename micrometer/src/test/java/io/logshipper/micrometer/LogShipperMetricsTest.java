package io.logshipper.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.logshipper.LogShipper;
import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class LogShipperMetricsTest {

    @Test
    void theMetersFollowTheShipperWithItsProgramTagAndAreRemovedOnClose(KafkaBroker broker) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers())
                .topic(KafkaBroker.uniqueTopic("micrometer")).programId("metered").interval(Duration.ofMillis(100))
                .sendWhenIdle(false).shutdownHook(false).maxBufferedEntries(50).build()) {
            LogShipperMetrics metrics = LogShipperMetrics.of(shipper);
            metrics.bindTo(registry);
            for (int i = 0; i < 80; i++) {
                shipper.log("entry " + i);
            }
            long refused = shipper.stats().droppedBufferFull();

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    registry.get("logshipper.entries.delivered").tag("program", "metered").functionCounter().count()
                            == 80 - refused);
            assertThat(registry.get("logshipper.entries.accepted").functionCounter().count()).isEqualTo(80 - refused);
            assertThat(registry.get("logshipper.entries.dropped").tag("reason", "buffer_full").functionCounter()
                    .count()).isEqualTo(refused).isPositive();
            assertThat(registry.get("logshipper.entries.dropped").tag("reason", "closed").functionCounter().count())
                    .isZero();
            assertThat(registry.get("logshipper.buffer.entries").gauge().value()).isZero();
            assertThat(registry.get("logshipper.oldest.undelivered.age").timeGauge().value(TimeUnit.SECONDS))
                    .isZero();
            FunctionTimer latency = registry.get("logshipper.delivery.latency").functionTimer();
            assertThat(latency.count()).isPositive();
            assertThat(latency.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(registry.get("logshipper.state").tag("state", "connected").gauge().value()).isEqualTo(1);
            assertThat(registry.get("logshipper.state").tag("state", "failed").gauge().value()).isZero();
            assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("program"))
                    .isEqualTo("metered"));

            metrics.close();

            assertThat(registry.getMeters()).extracting(Meter::getId).isEmpty();
        }
    }
}
