package io.logshipper.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single combined-mode KRaft node (broker and controller in one), in this JVM, from Kafka's own test kit.
 * Its data lives in a temporary directory deleted on close.
 */
public final class EmbeddedKraftBroker {

    private EmbeddedKraftBroker() {
    }

    /** Starts a broker and waits until it accepts clients. */
    static RunningBroker start() {
        long started = System.nanoTime();
        KafkaClusterTestKit cluster = startCluster();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.err.println("[logshipper-test] in-process KRaft broker up at " + cluster.bootstrapServers()
                + " in " + millis + " ms");
        return new RunningBroker(new KafkaBroker(cluster.bootstrapServers(), "in-process KRaft broker"), cluster);
    }

    /**
     * Starts a single-node cluster for programs (the demo, benchmarks) rather than tests; the caller closes it.
     */
    public static KafkaClusterTestKit startCluster() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1")
                    .setDeleteOnClose(true)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the in-process Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka broker", e);
        }
    }
}
