package io.logshipper.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

import io.logshipper.ShipperHealth;
import io.logshipper.ShipperHealth.State;

/**
 * A shipper's {@link ShipperHealth}, moved by what Kafka says: an acknowledgement is CONNECTED, an authentication
 * or authorization error FAILED, any other problem DEGRADED, close STOPPED (final). Updated from the shipper's
 * thread and the producer's I/O thread, read from anywhere; each change of state is handed to the
 * {@link Listeners}.
 */
public final class HealthTracker {

    private final Clock clock;
    private final Listeners listeners;
    private final AtomicReference<ShipperHealth> current;
    private volatile String withoutSpool;

    HealthTracker(Clock clock, Listeners listeners) {
        this.clock = clock;
        this.listeners = listeners;
        this.current = new AtomicReference<>(new ShipperHealth(State.STARTING, clock.instant(), null, null));
    }

    /** The health now. */
    public ShipperHealth snapshot() {
        return current.get();
    }

    /** The broker acknowledged a message. */
    void acknowledged() {
        String spool = withoutSpool;
        update(spool == null ? State.CONNECTED : State.DEGRADED, spool, true);
    }

    /**
     * The disk spool that was asked for could not be opened ({@code problem} says why): health stays DEGRADED,
     * acknowledgements or not, for as long as the shipper runs without it.
     */
    void withoutSpool(String problem) {
        withoutSpool = problem;
        update(State.DEGRADED, problem, false);
    }

    /** Kafka reported {@code problem}: a failed or refused message, a producer or topic that could not be set up. */
    void trouble(Throwable problem) {
        update(isRefusal(problem) ? State.FAILED : State.DEGRADED, Problems.describe(problem), false);
    }

    /** The shipper was closed. */
    public void stopped() {
        update(State.STOPPED, null, false);
    }

    private void update(State state, String error, boolean acknowledged) {
        while (true) {
            ShipperHealth previous = current.get();
            if (previous.state() == State.STOPPED) {
                return;
            }
            Instant now = clock.instant();
            ShipperHealth next = new ShipperHealth(state, previous.state() == state ? previous.since() : now,
                    error != null ? error : previous.lastError(),
                    acknowledged ? now : previous.lastSuccessfulSend());
            if (current.compareAndSet(previous, next)) {
                if (previous.state() != state) {
                    listeners.healthChanged(previous, next);
                }
                return;
            }
        }
    }

    /** Whether Kafka refused the credentials or permissions, anywhere in the first few causes. */
    static boolean isRefusal(Throwable problem) {
        Throwable t = problem;
        for (int depth = 0; t != null && depth < 8; depth++) {
            if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
                return true;
            }
            Throwable next = t.getCause();
            t = next == t ? null : next;
        }
        return false;
    }
}
