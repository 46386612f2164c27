package io.logshipper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
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

    @Test
    void aRefusedOAuthTokenSaysWhatTheBrokerChecks() {
        assertThat(Problems.describe(new SaslAuthenticationException("{\"status\":\"invalid_token\"}")))
                .isEqualTo("SaslAuthenticationException: {\"status\":\"invalid_token\"} (" + Problems.INVALID_TOKEN_HINT
                        + ")");
    }

    @Test
    void aProducerConstructorFailureShowsTheCauseBelowKafkasWrappers() {
        Exception login = new javax.security.auth.login.LoginException("the OAuth token endpoint refused it");
        Exception e = new KafkaException("Failed to construct kafka producer",
                new KafkaException("Failed to create new NetworkClient", new KafkaException(login)));

        assertThat(Problems.describe(e)).isEqualTo("KafkaException: Failed to construct kafka producer"
                + " (LoginException: the OAuth token endpoint refused it)");
    }

    @Test
    void aTellingCauseIsShownAsBefore() {
        Exception e = new KafkaException("Failed to construct kafka producer",
                new org.apache.kafka.common.config.ConfigException("Invalid value x for configuration acks"));

        assertThat(Problems.describe(e)).isEqualTo("KafkaException: Failed to construct kafka producer"
                + " (ConfigException: Invalid value x for configuration acks)");
    }

    @Test
    void aCauseMessageLosesTheClassNamesOfWrappedExceptions() {
        Exception e = new KafkaException("Failed to construct kafka producer", new KafkaException(
                new javax.security.auth.login.LoginException("org.apache.kafka.common.KafkaException:"
                        + " org.apache.kafka.common.security.oauthbearer.internals.secured.UnretryableException:"
                        + " java.io.IOException: The response code 400 was encountered")));

        assertThat(Problems.describe(e)).isEqualTo("KafkaException: Failed to construct kafka producer"
                + " (LoginException: The response code 400 was encountered)");
    }
}
