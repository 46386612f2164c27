package io.logshipper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import io.logshipper.ShipperHealth;
import io.logshipper.ShipperHealth.State;

class HealthTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock();
    private final ShipperCounters counters = new ShipperCounters(clock, 10, 1000);
    private final HealthTracker health = new HealthTracker(clock,
            new Listeners("p", List.of(), counters, new ProblemReporter("p", io.logshipper.spi.ProblemChannel.standardError(), counters), () -> { }));

    @Test
    void authenticationAndAuthorizationErrorsAreFailedEvenWrappedOtherProblemsDegraded() {
        assertThat(HealthTracker.isRefusal(new SaslAuthenticationException("bad password"))).isTrue();
        assertThat(HealthTracker.isRefusal(new TopicAuthorizationException("no ACL"))).isTrue();
        assertThat(HealthTracker.isRefusal(new KafkaException("wrapped", new SaslAuthenticationException("x"))))
                .isTrue();
        assertThat(HealthTracker.isRefusal(new TimeoutException("no metadata"))).isFalse();
        assertThat(HealthTracker.isRefusal(new NetworkException("gone"))).isFalse();
        assertThat(HealthTracker.isRefusal(new RecordTooLargeException("big"))).isFalse();
    }

    @Test
    void movesBetweenStatesKeepingSinceWithinAStateAndTheLastErrorAndSendAcrossThem() {
        assertThat(health.snapshot()).isEqualTo(new ShipperHealth(State.STARTING, T0, null, null));

        clock.now = T0.plusSeconds(1);
        health.trouble(new TimeoutException("no metadata"));
        clock.now = T0.plusSeconds(2);
        health.trouble(new NetworkException("gone"));
        assertThat(health.snapshot()).isEqualTo(new ShipperHealth(State.DEGRADED, T0.plusSeconds(1),
                "NetworkException: gone", null));

        clock.now = T0.plusSeconds(3);
        health.acknowledged();
        clock.now = T0.plusSeconds(4);
        health.acknowledged();
        assertThat(health.snapshot()).isEqualTo(new ShipperHealth(State.CONNECTED, T0.plusSeconds(3),
                "NetworkException: gone", T0.plusSeconds(4)));

        clock.now = T0.plusSeconds(5);
        health.trouble(new SaslAuthenticationException("bad password"));
        assertThat(health.snapshot().state()).isEqualTo(State.FAILED);

        clock.now = T0.plusSeconds(6);
        health.stopped();
        health.acknowledged();
        health.trouble(new TimeoutException("late"));
        assertThat(health.snapshot()).isEqualTo(new ShipperHealth(State.STOPPED, T0.plusSeconds(6),
                "SaslAuthenticationException: bad password", T0.plusSeconds(4)));
    }

    private static final class MutableClock extends Clock {
        volatile Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
