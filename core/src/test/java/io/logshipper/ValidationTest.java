package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    private static LogShipperBuilder valid() {
        return LogShipper.builder().bootstrapServers("localhost:9092").topic("logs").programId("p");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "..", ".", "logs/x", "ta b", "\u00e9t\u00e9"})
    void rejectsTopicNamesKafkaRejects(String topic) {
        assertThatThrownBy(() -> valid().topic(topic).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
    }

    @Test
    void rejectsMissingOrOverlongTopics() {
        assertThatThrownBy(() -> valid().topic(null).config()).hasMessage("topic is required");
        assertThatThrownBy(() -> LogShipper.builder().bootstrapServers("b:9092").config()).hasMessage("topic is required");
        assertThatThrownBy(() -> valid().topic(" ")).hasMessageStartingWith("topic must be a Kafka topic name");
        assertThatThrownBy(() -> valid().topic("t".repeat(250)).config()).hasMessageContaining("topic");
    }

    @Test
    void rejectsAnEmptyProgramId() {
        assertThatThrownBy(() -> valid().programId("").config()).hasMessageContaining("programId");
        assertThatThrownBy(() -> valid().programId("  ").config()).hasMessageContaining("programId");
    }

    @Test
    void rejectsNonPositiveAndNonFiniteIntervals() {
        assertThatThrownBy(() -> valid().interval(Duration.ZERO).config()).hasMessageContaining("interval");
        assertThatThrownBy(() -> valid().interval(Duration.ofSeconds(-1)).config()).hasMessageContaining("interval");
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> valid().intervalSecs(bad)).hasMessageContaining("interval");
        }
        assertThat(valid().intervalSecs(0.5).config().interval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsUnknownProducerSettingsWithTheClosestName() {
        assertThatThrownBy(() -> valid().producerSetting("lingerms", "5").config())
                .hasMessage("unknown Kafka producer setting 'lingerms' (did you mean 'linger.ms'?)");
    }

    @Test
    void rejectsSettingsTheShipperOwns() {
        assertThatThrownBy(() -> valid().producerSetting("key.serializer", "x.Y").config())
                .hasMessageContaining("'key.serializer' is set by logshipper");
        assertThatThrownBy(() -> valid().producerSetting("value.serializer", "x.Y").config())
                .hasMessageContaining("'value.serializer' is set by logshipper");
    }

    @Test
    void rejectsValuesKafkaCannotParseNamingTheSetting() {
        assertThatThrownBy(() -> valid().producerSetting("linger.ms", "soon").config())
                .hasMessageContaining("linger.ms");
    }

    @Test
    void requiresBootstrapServers() {
        assertThatThrownBy(() -> LogShipper.builder().topic("logs").config())
                .hasMessage("bootstrapServers is required");
    }

    @Test
    void keepsMessagesUnderTheProducersRequestLimit() {
        assertThatThrownBy(() -> valid().producerSetting("max.request.size", "100000").config())
                .hasMessageContaining("max.request.size");
        assertThat(valid().producerSetting("max.request.size", "100000").maxMessageBytes(50_000).config()
                .maxMessageBytes()).isEqualTo(50_000);
    }

    @Test
    void neverShowsSecretsInMessagesOrToString() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\";";
        LogShipperConfig config = valid().producerSetting("security.protocol", "SASL_PLAINTEXT")
                .producerSetting("sasl.mechanism", "PLAIN").producerSetting("sasl.jaas.config", jaas)
                .producerSetting("ssl.key.password", "hunter3").config();

        assertThat(config.toString()).doesNotContain("hunter2", "hunter3").contains("[hidden]");
        assertThat(config.describe()).doesNotContain("hunter2", "hunter3").contains("sasl.jaas.config = [hidden]");
        assertThatThrownBy(() -> valid().producerSetting("ssl.key.password", "hunter4")
                .producerSetting("buffer.memory", "lots").config())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter4"));
    }
}
