package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class DeliveryFailureTest {

    @Test
    void countsAFailedSendAndReportsItInBandInALaterMessage(KafkaBroker broker) throws Exception {
        String topic = KafkaBroker.uniqueTopic("failure");
        try (Admin admin = broker.admin()) {
            // The broker refuses records above 3000 bytes on this topic; the shipper allows up to 8000.
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "3000")))).all().get();
        }
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("failing").interval(Duration.ofMillis(200)).sendWhenIdle(false)
                .producerSetting("compression.type", "none").maxMessageBytes(8000).build();
        shipper.log("too big " + "z".repeat(6000));
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.stats().failed() == 1);
        shipper.log("small one");
        shipper.close(Duration.ofSeconds(20));

        List<String> entries = Shipped.entries(broker, topic).stream().map(e -> e.asText()).toList();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).contains("logshipper: 1 log entries in 1 messages could not be delivered since")
                .contains("RecordTooLargeException");
        assertThat(entries.get(1)).isEqualTo("small one");
        assertThat(shipper.stats().messagesFailed()).isEqualTo(1);
        assertThat(shipper.stats().delivered()).isEqualTo(1);
    }
}
