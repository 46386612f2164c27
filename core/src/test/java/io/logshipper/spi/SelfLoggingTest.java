package io.logshipper.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.logshipper.LogShipper;
import io.logshipper.config.Settings;

@Timeout(30)
class SelfLoggingTest {

    @Test
    void recognisesTheKafkaLoggersOnly() {
        assertThat(SelfLogging.isKafkaClientLogger("org.apache.kafka")).isTrue();
        assertThat(SelfLogging.isKafkaClientLogger("org.apache.kafka.clients.producer.KafkaProducer")).isTrue();
        assertThat(SelfLogging.isKafkaClientLogger("org.apache.kafka.streams.KafkaStreams")).isTrue();
        assertThat(SelfLogging.isKafkaClientLogger("org.apache.kafkaesque.App")).isFalse();
        assertThat(SelfLogging.isKafkaClientLogger("com.example.kafka.Consumer")).isFalse();
        assertThat(SelfLogging.isKafkaClientLogger(null)).isFalse();
    }

    @Test
    void shipsKafkaEventsOfApplicationThreadsUnlessAskedToRefuseKafkaLoggers() {
        assertThat(SelfLogging.isInternalThread()).isFalse();
        assertThat(SelfLogging.mustNotShip("com.example.App", false)).isFalse();
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.clients.NetworkClient", false)).isFalse();
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.streams.KafkaStreams", "main", false)).isFalse();

        assertThat(SelfLogging.mustNotShip("org.apache.kafka.clients.NetworkClient", true)).isTrue();
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.streams.KafkaStreams", "main", true)).isTrue();
        assertThat(SelfLogging.mustNotShip("com.example.App", "main", true)).isFalse();
        assertThat(Settings.REFUSE_KAFKA_LOGGERS.defaultValue()).isFalse();
    }

    @Test
    void recognisesLogshipperClientThreadsByNameForEventsAppendedElsewhere() {
        assertThat(SelfLogging.mustNotShip("com.example.App", "logshipper-billing", false)).isTrue();
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.clients.NetworkClient",
                "kafka-producer-network-thread | logshipper-3", false)).isTrue();
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.clients.admin.KafkaAdminClient",
                "kafka-admin-client-thread | logshipper-admin", false)).isTrue();

        assertThat(SelfLogging.mustNotShip("org.apache.kafka.clients.NetworkClient",
                "kafka-producer-network-thread | producer-1", false)).isFalse();
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.clients.admin.KafkaAdminClient",
                "kafka-admin-client-thread | adminclient-1", false)).isFalse();
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.streams.processor.internals.StreamThread",
                "app-StreamThread-1", false)).isFalse();
        assertThat(SelfLogging.mustNotShip("com.example.App", "main", false)).isFalse();
        assertThat(SelfLogging.mustNotShip("com.example.App", null, false)).isFalse();
    }

    @Test
    void shipsLoginRefreshThreadsWhichAllClientsWithEqualJaasSettingsShare() {
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.common.security.oauthbearer.internals.expiring"
                + ".ExpiringCredentialRefreshingLogin", "kafka-expiring-relogin-thread-svc", false)).isFalse();
        assertThat(SelfLogging.mustNotShip("org.apache.kafka.common.security.kerberos.KerberosLogin",
                "kafka-kerberos-refresh-thread-svc", false)).isFalse();
    }

    @Test
    void theShippersOwnThreadIsInternal() {
        AtomicBoolean internal = new AtomicBoolean();
        LogShipper shipper = LogShipper.builder().bootstrapServers("127.0.0.1:1").topic("t").programId("self")
                .producerFactory(config -> {
                    internal.set(SelfLogging.mustNotShip("com.example.App", false));
                    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
                })
                .build();
        shipper.close(Duration.ofSeconds(5));

        assertThat(internal).isTrue();
    }

    @Test
    void recognisesTheIoThreadOfALogProducerWhoseClientIdTheUserChoseWhileItIsOpen() throws Exception {
        String ioThread = "kafka-producer-network-thread | billing-logs";
        AtomicReference<Boolean> whileOpen = new AtomicReference<>();
        LogShipper shipper = LogShipper.builder().bootstrapServers("127.0.0.1:1").topic("t").programId("chosen")
                .producerConfig(Map.of("client.id", "billing-logs"))
                .producerFactory(config -> {
                    whileOpen.set(onKafkaThread(ioThread));
                    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
                })
                .build();
        shipper.close(Duration.ofSeconds(5));

        assertThat(whileOpen.get()).isTrue();
        assertThat(SelfLogging.isInternalThreadName(ioThread)).isFalse();
        assertThat(onKafkaThread(ioThread)).isFalse();
    }

    /** Whether the guard refuses an application event raised on a Kafka thread of this name. */
    private static boolean onKafkaThread(String name) {
        AtomicBoolean refused = new AtomicBoolean();
        Thread t = kafkaThread(name, () -> refused.set(SelfLogging.mustNotShip("com.example.App", false)));
        t.start();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return refused.get() && SelfLogging.isInternalThreadName(name);
    }

    /** Kafka's own KafkaThread, by name: kafka-clients 4.4 moved it to {@code org.apache.kafka.common.utils.internals}. */
    private static Thread kafkaThread(String name, Runnable body) {
        for (String cls : new String[] {"org.apache.kafka.common.utils.KafkaThread",
            "org.apache.kafka.common.utils.internals.KafkaThread"}) {
            try {
                return (Thread) Class.forName(cls).getMethod("nonDaemon", String.class, Runnable.class)
                        .invoke(null, name, body);
            } catch (ClassNotFoundException e) {
                // the other version's name
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no KafkaThread in this kafka-clients");
    }
}
