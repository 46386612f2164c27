package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class DeferredEntryTest {

    @Test
    void rendersDeferredEntriesOnTheShippersThreadInOrder(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("deferred");
        Set<String> renderThreads = ConcurrentHashMap.newKeySet();
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("deferred").interval(Duration.ofHours(1)).sendWhenIdle(false).build();
        shipper.log("plain before");
        for (int i = 0; i < 3; i++) {
            int n = i;
            shipper.log(new DeferredEntry() {
                @Override
                public String render() {
                    renderThreads.add(Thread.currentThread().getName());
                    return "deferred " + n;
                }

                @Override
                public int sizeEstimate() {
                    return 10;
                }
            });
        }
        shipper.log("plain after");
        assertThat(shipper.close(Duration.ofSeconds(20))).isZero();

        assertThat(Shipped.texts(broker, topic))
                .containsExactly("plain before", "deferred 0", "deferred 1", "deferred 2", "plain after");
        assertThat(renderThreads).containsExactly("logshipper-deferred");
    }

    @Test
    void anEntryThatFailsToRenderIsDroppedCountedAndReportedWithoutStoppingTheOthers(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("deferred-fail");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("broken").interval(Duration.ofMillis(300)).sendWhenIdle(false).build();
        shipper.log(new DeferredEntry() {
            @Override
            public String render() {
                throw new IllegalStateException("layout exploded");
            }

            @Override
            public int sizeEstimate() {
                return 10;
            }
        });
        shipper.log("still shipped");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> shipper.stats().delivered() == 1);
        shipper.log("next");
        shipper.close(Duration.ofSeconds(20));

        List<String> all = Shipped.entries(broker, topic).stream().map(e -> e.asText()).toList();
        assertThat(all).contains("still shipped", "next");
        assertThat(all).anySatisfy(e -> assertThat(e)
                .contains("logshipper: dropped 1 log entries that could not be rendered; last error: "
                        + "IllegalStateException: layout exploded"));
        assertThat(shipper.stats().dropped()).isEqualTo(1);
    }
}
