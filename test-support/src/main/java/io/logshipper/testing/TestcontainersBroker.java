package io.logshipper.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** A broker in a Docker container; only loaded when Testcontainers is on the classpath and Docker is up. */
final class TestcontainersBroker {

    private static final String IMAGE = "apache/kafka:4.1.1";

    private TestcontainersBroker() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static RunningBroker start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new RunningBroker(new KafkaBroker(container.getBootstrapServers(), "Testcontainers " + IMAGE),
                container::stop);
    }
}
