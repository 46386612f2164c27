package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class MessageSizeTest {

    @Test
    void splitsALargeBatchIntoSeveralMessagesUnderTheLimitInOrder(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("size-split");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("split").interval(Duration.ofHours(1)).sendWhenIdle(false).maxMessageBytes(2048).build();
        List<String> expected = IntStream.range(0, 100).mapToObj(i -> i + ":" + "\u00e9\"\n".repeat(30))
                .collect(Collectors.toList());
        expected.forEach(shipper::log);
        shipper.close(Duration.ofSeconds(20));

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records.size()).isGreaterThan(5);
        assertThat(records).allSatisfy(r -> assertThat(r.rawValue().length).isLessThanOrEqualTo(2048));
        assertThat(records).extracting(ShippedRecord::key).containsOnly("split_log");
        assertThat(Shipped.texts(broker, topic)).containsExactlyElementsOf(expected);
    }

    @Test
    void truncatesASingleOversizedEntryWithAVisibleMarker(KafkaBroker broker) {
        String topic = KafkaBroker.uniqueTopic("size-truncate");
        LogShipper shipper = LogShipper.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .programId("trunc").interval(Duration.ofHours(1)).sendWhenIdle(false).maxMessageBytes(2048).build();
        String huge = "start " + "\uD83D\uDE00".repeat(5_000);
        shipper.log(huge);
        shipper.log(LogEntry.builder().message("m".repeat(5_000)).exception("e".repeat(5_000)).build());
        shipper.log("after");
        shipper.close(Duration.ofSeconds(20));

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).allSatisfy(r -> assertThat(r.value().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(2048));
        List<String> texts = Shipped.texts(broker, topic);
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0)).startsWith("start \uD83D\uDE00").contains("[truncated by logshipper: ")
                .endsWith("of 10006 characters kept]");
        assertThat(texts.get(1)).contains("[truncated by logshipper: ");
        assertThat(texts.get(2)).isEqualTo("after");
    }
}
