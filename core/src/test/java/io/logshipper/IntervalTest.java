package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;

@ExtendWith(RealKafkaExtension.class)
@Timeout(90)
class IntervalTest {

    @Test
    void sendsOneMessagePerIntervalEvenWhenNothingIsLoggedWithoutDrift(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("interval");
        broker.createTopic(topic, 1);
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("idle").interval(Duration.ofMillis(250)).build();
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.readAll(topic).size() >= 12);
        shipper.close(Duration.ofSeconds(10));

        List<JsonNode> messages = Shipped.messages(broker, topic);
        double first = messages.get(0).get("timestamp").asDouble();
        for (int k = 1; k < 12; k++) {
            double t = messages.get(k).get("timestamp").asDouble();
            // Each send is scheduled at start + k * interval: lateness does not accumulate.
            assertThat(t - first).as("message %d", k).isCloseTo(k * 0.25, org.assertj.core.data.Offset.offset(0.2));
            assertThat(messages.get(k).get("messages")).isEmpty();
        }
    }

    @Test
    void sendsNothingWhenIdleIfAskedNotTo(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("interval-quiet");
        broker.createTopic(topic, 1);
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("quiet").interval(Duration.ofMillis(100)).sendWhenIdle(false).build();
        shipper.log("only entry");
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.readAll(topic).size() >= 1);
        long sentBefore = shipper.stats().messagesSent();
        await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> true);
        shipper.close(Duration.ofSeconds(10));

        assertThat(shipper.stats().messagesSent()).isEqualTo(sentBefore);
        assertThat(Shipped.texts(broker, topic)).containsExactly("only entry");
    }

    @Test
    void sendsAFullMessageAtOnceInsteadOfWaitingForTheInterval(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("interval-full");
        broker.createTopic(topic, 1);
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("busy").interval(Duration.ofHours(1)).sendWhenIdle(false).maxMessageBytes(4096).build();
        String line = "x".repeat(100);
        for (int i = 0; i < 200; i++) {
            shipper.log(i + " " + line);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Shipped.texts(broker, topic).size() >= 100);
        shipper.close(Duration.ofSeconds(10));
    }

    @Test
    void keepsTheOrderOfEntriesAcrossManyMessagesUnderOneKey(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("interval-order");
        broker.createTopic(topic, 3);
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("ordered").interval(Duration.ofMillis(50)).sendWhenIdle(false)
                .maxMessageBytes(8192).build();
        List<String> expected = IntStream.range(0, 10_000).mapToObj(i -> "entry " + i).collect(Collectors.toList());
        List<String> refused = new ArrayList<>();
        for (String e : expected) {
            if (!shipper.log(e)) {
                refused.add(e);
            }
        }
        assertThat(shipper.close(Duration.ofSeconds(30))).isZero();

        assertThat(refused).isEmpty();
        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).extracting(ShippedRecord::key).containsOnly("ordered_log");
        assertThat(records).extracting(ShippedRecord::partition).containsOnly(records.get(0).partition());
        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(expected);
    }
}
