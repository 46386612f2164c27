package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.logshipper.testing.KafkaClientsVersion;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.LoggerContext;

/**
 * The Logback and kafka-clients these tests run on are the ones the build asked for, so that a compatibility
 * profile (pom.xml: compat-oldest) cannot pass on the default versions by accident.
 */
class SupportedVersionsTest {

    @Test
    void runsOnTheLogbackAndKafkaClientsTheBuildChose() {
        assertThat(LoggerContext.class.getPackage().getImplementationVersion())
                .isEqualTo(System.getProperty("logshipper.expect.logback"));
        assertThat(KafkaClientsVersion.get()).isEqualTo(System.getProperty("logshipper.expect.kafka-clients"));
    }
}
