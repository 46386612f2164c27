package io.logshipper.testing;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Sets Kafka 4's JVM-wide system property {@value #PROPERTY} for the length of a {@code try} block and puts back
 * what was there before (or nothing) on {@link #close()}. Kafka's OAuth handlers read it when they are configured
 * (producer, consumer or broker listener start), not on every request, so it only has to hold while a client or
 * the broker is being built.
 *
 * <p>Only tests use this. logshipper itself never sets a system property: allowing a URL is the application's
 * decision (see {@code docs/security.md}). The URLs given are added to the ones already allowed, so scopes nest;
 * close them in reverse order. Tests in one JVM run one at a time here, which is what makes a JVM-wide property
 * safe to change.
 */
public final class AllowedOAuthUrls implements AutoCloseable {

    /** Kafka's property: a comma-separated list of URLs its OAuth code may reach; empty (none) by default in 4.x. */
    public static final String PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

    private final String previous;
    private boolean closed;

    private AllowedOAuthUrls(String previous) {
        this.previous = previous;
    }

    /** Allows {@code urls} in addition to what is allowed already, until {@link #close()}. */
    public static AllowedOAuthUrls allow(String... urls) {
        String previous = System.getProperty(PROPERTY);
        Set<String> allowed = new LinkedHashSet<>();
        if (previous != null && !previous.isBlank()) {
            for (String u : previous.split(",")) {
                allowed.add(u.trim());
            }
        }
        allowed.addAll(Set.of(urls));
        System.setProperty(PROPERTY, String.join(",", allowed));
        return new AllowedOAuthUrls(previous);
    }

    /** Puts the property back as it was before {@link #allow}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (previous == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, previous);
        }
    }
}
