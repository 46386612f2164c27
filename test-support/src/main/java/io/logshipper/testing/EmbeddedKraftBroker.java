package io.logshipper.testing;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** Broker settings that let one node run alone: replication factors of 1, topics created on first use. */
    static Map<String, String> singleNodeDefaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        return p;
    }

    /**
     * Starts a single-node cluster for programs (the demo, benchmarks) rather than tests; the caller closes it.
     */
    public static KafkaClusterTestKit startCluster() {
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build());
            singleNodeDefaults().forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.setDeleteOnClose(true).build();
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
