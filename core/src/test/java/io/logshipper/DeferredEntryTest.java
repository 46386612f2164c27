package io.logshipper;

import io.logshipper.spi.DeferredEntry;
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
        assertThat(shipper.stats().droppedUnrenderable()).isEqualTo(1);
    }

    @Test
    void anEventTheAdapterCouldNotRenderIsCountedAndReportedLikeTheShippersOwn(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("adapter-unrenderable");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("adapter").interval(Duration.ofHours(1)).sendWhenIdle(false).build();
        assertThat(shipper.unrenderable(new IllegalArgumentException("pattern %q unknown"))).isFalse();
        assertThat(shipper.unrenderable(new IllegalStateException("layout exploded",
                new ArithmeticException("/ by zero")))).isFalse();
        shipper.log("shipped");
        assertThat(shipper.close(Duration.ofSeconds(20))).isZero();

        List<String> all = Shipped.entries(broker, topic).stream().map(e -> e.asText()).toList();
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).contains("logshipper: dropped 2 log entries that could not be rendered; last error: "
                + "IllegalStateException: layout exploded (ArithmeticException: / by zero)");
        assertThat(all.get(1)).isEqualTo("shipped");
        ShipperStats stats = shipper.stats();
        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(stats.dropped()).isEqualTo(2);
        assertThat(stats.droppedUnrenderable()).isEqualTo(2);
        assertThat(stats.droppedBufferFull()).isZero();
        assertThat(stats.droppedClosed()).isZero();
    }

    @Test
    void aLayoutsTrailingLineBreakIsLeftOutOfTheEntryAndNothingElse(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("deferred-eol");
        String longLine = "x".repeat(100_000);
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("eol").interval(Duration.ofHours(1)).sendWhenIdle(false).maxMessageBytes(50_000).build();
        for (String text : List.of("unix\n", "windows\r\n", "two\n\n", "none", "inner\nline\n", "\n", "",
                "lone \uD800\n", longLine + "\n")) {
            shipper.log(deferred(text));
        }
        shipper.log("plain\n");
        assertThat(shipper.close(Duration.ofSeconds(20))).isZero();

        List<String> texts = Shipped.texts(broker, topic);
        assertThat(texts).hasSize(10);
        assertThat(texts.subList(0, 8)).containsExactly("unix", "windows", "two\n", "none", "inner\nline", "", "",
                "lone \uFFFD");
        // Too long for one message: cut to fit, with the marker, and the line break still left out first.
        assertThat(texts.get(8)).startsWith("xxxx").contains("... [truncated by logshipper: ")
                .endsWith(" of 100000 characters kept]");
        // Entries logged as strings are shipped exactly as given.
        assertThat(texts.get(9)).isEqualTo("plain\n");
    }

    private static DeferredEntry deferred(String text) {
        return new DeferredEntry() {
            @Override
            public String render() {
                return text;
            }

            @Override
            public int sizeEstimate() {
                return text.length();
            }
        };
    }
}
