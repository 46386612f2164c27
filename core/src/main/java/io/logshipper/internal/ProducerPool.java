package io.logshipper.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.logshipper.ProducerFactory;

/**
 * Shares one {@code KafkaProducer} between shippers whose producer settings are equal, and closes it when the
 * last of them lets go. Producers are created on the acquiring shipper's thread, outside the pool's lock.
 */
public final class ProducerPool {

    /** The pool every shipper in this class loader uses. */
    public static final ProducerPool SHARED = new ProducerPool();

    /**
     * Client ids logshipper chooses start with this, which is how SelfLogging recognises its clients' I/O threads;
     * a {@code client.id} the user sets instead is recorded in {@link OwnClientIds}.
     */
    public static final String CLIENT_ID_PREFIX = "logshipper-";

    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();

    private final Map<Map<String, String>, Shared> producers = new HashMap<>();

    /** A hold on a producer; release it exactly once. */
    public interface Lease {
        /** The producer. */
        Producer<byte[], byte[]> producer();

        /** Lets go of the producer, closing it within {@code timeout} if nobody else holds it. */
        void release(Duration timeout);

        /**
         * Lets go of a producer that cannot recover (Kafka's idempotent producer stays failed after an
         * authentication error, even once the credentials are fixed): no later {@link #acquire} gets it, and it is
         * closed within {@code timeout} when its last holder lets go.
         */
        default void discard(Duration timeout) {
            release(timeout);
        }
    }

    /**
     * A producer for these settings: the shared one, or with a custom factory a private one.
     *
     * @throws RuntimeException whatever the producer's constructor throws
     */
    public Lease acquire(Map<String, String> settings, ProducerFactory custom) {
        if (custom != null) {
            Map<String, Object> config = withClientId(settings);
            String clientId = clientId(config);
            OwnClientIds.add(clientId);
            Producer<byte[], byte[]> p;
            try {
                p = custom.create(config);
            } catch (RuntimeException | Error e) {
                OwnClientIds.remove(clientId);
                throw e;
            }
            return new Lease() {
                @Override
                public Producer<byte[], byte[]> producer() {
                    return p;
                }

                @Override
                public void release(Duration timeout) {
                    try {
                        p.close(timeout);
                    } finally {
                        OwnClientIds.remove(clientId);
                    }
                }
            };
        }
        Shared shared;
        synchronized (this) {
            shared = producers.computeIfAbsent(Map.copyOf(settings), Shared::new);
            shared.holders++;
        }
        try {
            shared.open();
        } catch (RuntimeException e) {
            release(shared, Duration.ZERO);
            throw e;
        }
        return new Lease() {
            @Override
            public Producer<byte[], byte[]> producer() {
                return shared.producer;
            }

            @Override
            public void release(Duration timeout) {
                ProducerPool.this.release(shared, timeout);
            }

            @Override
            public void discard(Duration timeout) {
                synchronized (ProducerPool.this) {
                    producers.remove(shared.settings, shared);
                }
                ProducerPool.this.release(shared, timeout);
            }
        };
    }

    /** How many distinct producers are open, for tests and diagnostics. */
    public synchronized int openProducers() {
        return (int) producers.values().stream().filter(s -> s.producer != null).count();
    }

    private void release(Shared shared, Duration timeout) {
        synchronized (this) {
            if (--shared.holders > 0) {
                return;
            }
            producers.remove(shared.settings, shared);
        }
        shared.close(timeout);
    }

    private static Map<String, Object> withClientId(Map<String, String> settings) {
        Map<String, Object> config = new LinkedHashMap<>(settings);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID_PREFIX + CLIENT_SEQUENCE.incrementAndGet());
        return config;
    }

    private static String clientId(Map<String, Object> config) {
        return String.valueOf(config.get(ProducerConfig.CLIENT_ID_CONFIG));
    }

    private static final class Shared {
        final Map<String, String> settings;
        int holders;
        Producer<byte[], byte[]> producer;
        String clientId;

        Shared(Map<String, String> settings) {
            this.settings = settings;
        }

        synchronized void open() {
            if (producer == null) {
                Map<String, Object> config = withClientId(settings);
                String id = clientId(config);
                // Before the constructor: it starts the I/O thread, which may log at once.
                OwnClientIds.add(id);
                try {
                    producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                } catch (RuntimeException | Error e) {
                    OwnClientIds.remove(id);
                    throw e;
                }
                clientId = id;
            }
        }

        synchronized void close(Duration timeout) {
            if (producer != null) {
                try {
                    producer.close(timeout);
                } finally {
                    producer = null;
                    OwnClientIds.remove(clientId);
                }
            }
        }
    }
}
