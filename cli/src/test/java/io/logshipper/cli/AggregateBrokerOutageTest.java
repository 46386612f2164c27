package io.logshipper.cli;

import static io.logshipper.cli.Cli.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.testing.EmbeddedKraftBroker;

/** {@code /healthcheck} when the broker goes away: on a broker of its own, since this test stops it. */
@Timeout(150)
class AggregateBrokerOutageTest {

    @TempDir
    Path dir;

    @Test
    void healthcheckTurns503AfterTheBrokerStopsAndTheServiceStillExitsOnSigterm() throws Exception {
        KafkaClusterTestKit cluster = EmbeddedKraftBroker.startCluster();
        boolean closed = false;
        try {
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(java.util.List.of(new NewTopic("outage", 1, (short) 1))).all().get();
            }
            try (Records records = new Records(bootstrap)) {
                records.send("outage", 0, "p", q("before the outage"));
            }
            try (Aggregator agg = Aggregator.start(dir, "outage", "--bootstrap-server", bootstrap,
                    "--topic", "outage", "--from-beginning", "--unhealthy-after", "3")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> agg.out().contains("before the outage"));
                await().atMost(Duration.ofSeconds(10)).until(() -> agg.get("/healthcheck").statusCode() == 200);

                cluster.close();
                closed = true;
                await().atMost(Duration.ofSeconds(30)).until(() -> agg.get("/healthcheck").statusCode() == 503);
                JsonNode h = agg.health();
                assertThat(h.path("status").asText()).isEqualTo("DOWN");
                assertThat(h.path("problems").toString()).contains("no Kafka broker has answered");
                assertThat(h.path("module").asText()).isEqualTo("logshipper-aggregate");

                long t0 = System.nanoTime();
                assertThat(agg.stop()).isZero();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
                assertThat(agg.err()).doesNotContain("Exception in thread");
            }
        } finally {
            if (!closed) {
                cluster.close();
            }
        }
    }
}
