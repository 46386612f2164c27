package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logshipper.testing.KafkaClientsVersion;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/**
 * The Log4j and kafka-clients these tests run on are the ones the build asked for, so that a compatibility
 * profile (pom.xml: compat-oldest) cannot pass on the default versions by accident.
 */
class SupportedVersionsTest {

    @Test
    void runsOnTheLog4jAndKafkaClientsTheBuildChose() {
        assertThat(LoggerContext.class.getPackage().getImplementationVersion())
                .isEqualTo(System.getProperty("logshipper.expect.log4j"));
        assertThat(KafkaClientsVersion.get()).isEqualTo(System.getProperty("logshipper.expect.kafka-clients"));
    }
}
