package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;

import io.logshipper.testing.KafkaClientsVersion;
import org.junit.jupiter.api.Test;

/**
 * The kafka-clients these tests run on is the one the build asked for, so that a compatibility profile
 * (pom.xml: compat-oldest, kafka-clients-newest) cannot pass on the default version by accident.
 */
class SupportedVersionsTest {

    @Test
    void runsOnTheKafkaClientsTheBuildChose() {
        String expected = System.getProperty("logshipper.expect.kafka-clients");
        assertThat(expected).as("-Dlogshipper.expect.kafka-clients (set by the parent POM)").isNotBlank();
        assertThat(KafkaClientsVersion.get()).isEqualTo(expected);
    }
}
