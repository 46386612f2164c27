package io.logshipper.testing;

import java.util.Locale;

/** Chooses and starts the broker for this test JVM. */
final class BrokerSource {

    static final String ENV_BOOTSTRAP = "LOGSHIPPER_TEST_BOOTSTRAP_SERVERS";
    static final String PROP_KIND = "logshipper.test.broker";

    private BrokerSource() {
    }

    static RunningBroker start() {
        String external = System.getenv(ENV_BOOTSTRAP);
        if (external != null && !external.isBlank()) {
            System.err.println("[logshipper-test] using the external broker " + external + " from " + ENV_BOOTSTRAP);
            return new RunningBroker(new KafkaBroker(external.trim(), "external broker"), () -> { });
        }
        String kind = System.getProperty(PROP_KIND, "embedded").toLowerCase(Locale.ROOT);
        if (kind.equals("process")) {
            return ChildBroker.start();
        }
        if (kind.equals("testcontainers")) {
            String reason = TestcontainersProbe.unavailableReason();
            if (reason == null) {
                return TestcontainersBroker.start();
            }
            System.err.println("[logshipper-test] " + PROP_KIND + "=testcontainers asked for, but " + reason
                    + "; falling back to the in-process KRaft broker");
        }
        return EmbeddedKraftBroker.start();
    }
}
