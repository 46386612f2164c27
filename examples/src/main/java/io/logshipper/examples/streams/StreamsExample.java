package io.logshipper.examples.streams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;

/**
 * A Kafka Streams application shipping its own logs, Kafka Streams' included, through the Logback appender
 * ({@code logback-streams.xml}): its state transitions ("State transition from RUNNING to PENDING_ERROR") and the
 * exception of a processor that fails on the order {@code "boom"}, stack trace and all, reach the log topic like
 * any other line. Not part of the demo; run it against a broker with Kafka Streams on the class path:
 *
 * <pre>java io.logshipper.examples.streams.StreamsExample localhost:9092</pre>
 */
public final class StreamsExample {

    /** The order the processor cannot handle. */
    public static final String POISON = "boom";

    private static final Logger LOG = LoggerFactory.getLogger(StreamsExample.class);

    private StreamsExample() {
    }

    /**
     * Runs the example.
     *
     * @param args the Kafka bootstrap servers, e.g. {@code localhost:9092}
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: StreamsExample <bootstrap servers>");
            System.exit(2);
        }
        // Set before the first LoggerFactory call: that call configures Logback, and logback-streams.xml reads it.
        System.setProperty("logshipper.bootstrap", args[0]);
        System.setProperty("logback.configurationFile", "logback-streams.xml");
        Path stateDir = Files.createTempDirectory("streams-example");
        KafkaStreams.State last = run(args[0], "orders", "orders-upper", stateDir, Duration.ofSeconds(60));
        LoggerFactory.getLogger(StreamsExample.class).info("the streams application ended in state {}", last);
        // Stopping the context stops the appender, which sends everything still buffered before returning.
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    /**
     * Starts the topology, feeds it three orders of which the last one fails, and waits until the failure has
     * shut the application down (or {@code timeout} passed).
     *
     * @return the application's state when it was closed
     */
    public static KafkaStreams.State run(String bootstrap, String input, String output, Path stateDir,
                                         Duration timeout) throws InterruptedException, ExecutionException {
        createTopics(bootstrap, input, output);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "orders-" + input);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(topology(input, output), props)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
                    failed.countDown();
                }
            });
            // What Kafka Streams does by default too; said here so that the example reads on its own.
            streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            streams.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the streams application did not reach RUNNING within {}", timeout);
            }
            send(bootstrap, input, List.of("apple", "pear", POISON));
            failed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            streams.close(Duration.ofSeconds(10));
            return streams.state();
        }
    }

    /** Upper-cases each order; fails on {@link #POISON}, as a bug in a real processor would. */
    static Topology topology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(input)
                .peek((key, order) -> LOG.info("processing order {}", order))
                .mapValues(StreamsExample::process)
                .to(output);
        return builder.build();
    }

    private static String process(String order) {
        if (POISON.equals(order)) {
            throw new IllegalStateException("cannot process order " + order);
        }
        return order.toUpperCase(Locale.ROOT);
    }

    private static void createTopics(String bootstrap, String... topics)
            throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static void send(String bootstrap, String topic, List<String> orders) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String order : orders) {
                producer.send(new ProducerRecord<>(topic, order, order));
            }
        }
    }
}
