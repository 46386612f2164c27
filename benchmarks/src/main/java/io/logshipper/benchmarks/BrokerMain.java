package io.logshipper.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.test.KafkaClusterTestKit;

import io.logshipper.testing.EmbeddedKraftBroker;

/**
 * A real single-node KRaft broker in a process of its own: prints {@code BOOTSTRAP host:port}, then runs until
 * its standard input ends (or it is killed, which is how the outage scenario stops a broker mid-run).
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        KafkaClusterTestKit cluster = EmbeddedKraftBroker.startCluster();
        System.out.println("BOOTSTRAP " + cluster.bootstrapServers());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // wait for end of input
        }
        cluster.close();
        System.exit(0);
    }
}
