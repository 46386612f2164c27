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

    /** Client ids start with this, which is how SelfLogging recognises the producer's I/O thread. */
    public static final String CLIENT_ID_PREFIX = "logshipper-";

    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();

    private final Map<Map<String, String>, Shared> producers = new HashMap<>();

    /** A hold on a producer; release it exactly once. */
    public interface Lease {
        /** The producer. */
        Producer<byte[], byte[]> producer();

        /** Lets go of the producer, closing it within {@code timeout} if nobody else holds it. */
        void release(Duration timeout);
    }

    /**
     * A producer for these settings: the shared one, or with a custom factory a private one.
     *
     * @throws RuntimeException whatever the producer's constructor throws
     */
    public Lease acquire(Map<String, String> settings, ProducerFactory custom) {
        if (custom != null) {
            Producer<byte[], byte[]> p = custom.create(withClientId(settings));
            return new Lease() {
                @Override
                public Producer<byte[], byte[]> producer() {
                    return p;
                }

                @Override
                public void release(Duration timeout) {
                    p.close(timeout);
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

    private static final class Shared {
        final Map<String, String> settings;
        int holders;
        Producer<byte[], byte[]> producer;

        Shared(Map<String, String> settings) {
            this.settings = settings;
        }

        synchronized void open() {
            if (producer == null) {
                producer = new KafkaProducer<>(withClientId(settings), new ByteArraySerializer(),
                        new ByteArraySerializer());
            }
        }

        synchronized void close(Duration timeout) {
            if (producer != null) {
                producer.close(timeout);
                producer = null;
            }
        }
    }
}
