package io.logshipper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void aMetadataTimeoutAsksWhetherSecurityProtocolIsRight() {
        assertThat(Problems.describe(new TimeoutException("Topic logs not present in metadata after 2000 ms.")))
                .isEqualTo("TimeoutException: Topic logs not present in metadata after 2000 ms. "
                        + "(no Kafka response; is security.protocol right for this listener?)");
    }

    @Test
    void otherTimeoutsAndFailuresGetNoHint() {
        assertThat(Problems.describe(new TimeoutException("Expiring 1 record(s) for logs-0")))
                .doesNotContain("security.protocol");
        assertThat(Problems.describe(new SaslAuthenticationException("Authentication failed")))
                .isEqualTo("SaslAuthenticationException: Authentication failed");
    }
}
