package io.logshipper.testing;

/** Tells whether Testcontainers can run here, without linking to it when it is absent. */
final class TestcontainersProbe {

    private TestcontainersProbe() {
    }

    /** Null when Testcontainers and a Docker engine are usable; otherwise why not. */
    static String unavailableReason() {
        try {
            Class.forName("org.testcontainers.kafka.KafkaContainer");
        } catch (ClassNotFoundException e) {
            return "org.testcontainers:kafka is not on the test classpath";
        }
        try {
            return TestcontainersBroker.dockerAvailable() ? null : "no Docker engine is reachable";
        } catch (RuntimeException | LinkageError e) {
            return "Testcontainers could not check for Docker (" + e + ")";
        }
    }
}
