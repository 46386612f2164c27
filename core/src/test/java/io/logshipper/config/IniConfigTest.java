package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.logshipper.EntryFormat;
import io.logshipper.LogShipper;
import io.logshipper.LogShipperConfig;

class IniConfigTest {

    private static LogShipperConfig config(String text) {
        IniFile file = IniFile.parse("app.ini", text, Map.of("KAFKA_PW", "s3cr3t")::get);
        return IniConfig.applyTo(LogShipper.builder(), file).config();
    }

    @Test
    void laysTheLogSectionOverTheBrokerSection() {
        LogShipperConfig c = config("""
                [broker]
                bootstrap.servers = broker:9092
                security.protocol = SASL_SSL
                [producer]
                linger.ms = 999
                [log]
                topic = logs
                program.id = demo
                interval.secs = 2.5
                entry.format = json
                linger.ms = 5
                """);

        assertThat(c.producerConfig()).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("linger.ms", "5");
        assertThat(c.topic()).isEqualTo("logs");
        assertThat(c.programId()).contains("demo");
        assertThat(c.interval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.entryFormat()).isEqualTo(EntryFormat.JSON);
    }

    @Test
    void ignoresTheBrokerSectionWhenTheLogSectionNamesItsOwnBroker() {
        LogShipperConfig c = config("""
                [broker]
                bootstrap.servers = main:9092
                security.protocol = SASL_SSL
                [log]
                bootstrap.servers = logs:9092
                topic = logs
                """);

        assertThat(c.producerConfig()).containsEntry("bootstrap.servers", "logs:9092")
                .doesNotContainKey("security.protocol");
    }

    @Test
    void keepsNumbersAsStringsAndExpandsEnvironmentVariables() {
        LogShipperConfig c = config("""
                [broker]
                bootstrap.servers = b:9092
                sasl.jaas.config = ${KAFKA_PW}
                [log]
                topic = logs
                batch.size = 100
                """);

        assertThat(c.producerConfig()).containsEntry("batch.size", "100").containsEntry("sasl.jaas.config", "s3cr3t");
        assertThat(c.describe()).doesNotContain("s3cr3t");
    }

    @Test
    void namesFileAndLineOfAnUnknownKafkaSetting() {
        assertThatThrownBy(() -> config("""
                [broker]
                bootstrap.servers = b:9092
                [log]
                topic = logs
                lingerms = 5
                """))
                .isInstanceOf(SettingException.class)
                .hasMessage("app.ini:5: unknown Kafka producer setting 'lingerms' (did you mean 'linger.ms'?)");
    }

    @Test
    void namesFileAndLineOfAShipperOwnedSetting() {
        assertThatThrownBy(() -> config("""
                [broker]
                bootstrap.servers = b:9092
                value.serializer = org.apache.kafka.common.serialization.StringSerializer
                [log]
                topic = logs
                """))
                .hasMessage("app.ini:3: Kafka producer setting 'value.serializer' is set by logshipper and cannot be changed");
    }

    @Test
    void namesFileAndLineOfABadValue() {
        assertThatThrownBy(() -> config("""
                [broker]
                bootstrap.servers = b:9092
                [log]
                topic = logs
                interval.secs = soon
                """))
                .hasMessage("app.ini:5: interval.secs must be a decimal number of seconds from 0.001 to 86400, not 'soon'");
        assertThatThrownBy(() -> config("""
                [broker]
                bootstrap.servers = b:9092
                [log]
                topic = logs
                linger.ms = soon
                """))
                .hasMessageStartingWith("app.ini:5: ").hasMessageContaining("linger.ms");
    }

    @Test
    void leavesBootstrapServersToALaterSource() {
        IniFile file = IniFile.parse("app.ini", "[log]\ntopic = logs\nlinger.ms = 5\n", k -> null);
        LogShipperConfig c = IniConfig.applyTo(LogShipper.builder(), file).bootstrapServers("b:9092").config();

        assertThat(c.producerConfig()).containsEntry("linger.ms", "5").containsEntry("bootstrap.servers", "b:9092");
    }

    @Test
    void consumerSettingsLayTheConsumerSectionOverTheBroker() {
        IniFile file = IniFile.parse("c.ini", """
                [broker]
                bootstrap.servers = b:9092
                [consumer]
                auto.offset.reset = earliest
                """, k -> null);

        assertThat(IniConfig.consumerSettings(file)).containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("auto.offset.reset", "earliest");
    }
}
