package io.logshipper.examples;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import io.logshipper.WireFormat;
import io.logshipper.testing.EmbeddedKraftBroker;

/**
 * The one-command demo: starts a real single-node Kafka broker in this JVM (or uses {@code --bootstrap-server}),
 * runs a small program that logs through logshipper's Logback appender for a few seconds, tails the topic while
 * it runs, prints what arrived, and exits 0 when every entry arrived.
 */
public final class Demo {

    private static final String TOPIC = "logshipper-demo";

    private Demo() {
    }

    /** Entry point; see {@code --help}. */
    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        int seconds = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-server" -> bootstrap = value(args, ++i, "--bootstrap-server");
                case "--seconds" -> seconds = Integer.parseInt(value(args, ++i, "--seconds"));
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar logshipper-demo.jar [--bootstrap-server HOST:PORT] [--seconds N]");
                    System.out.println("Without --bootstrap-server an embedded single-node Kafka broker is started.");
                    return;
                }
                default -> {
                    System.err.println("logshipper-demo: unknown argument '" + args[i] + "' (try --help)");
                    System.exit(2);
                }
            }
        }
        System.exit(run(bootstrap, seconds));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            System.err.println("logshipper-demo: " + flag + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    static int run(String bootstrap, int seconds) throws Exception {
        KafkaClusterTestKit cluster = null;
        if (bootstrap == null) {
            System.out.println("Starting an embedded single-node Kafka broker (KRaft, in this JVM)...");
            cluster = EmbeddedKraftBroker.startCluster();
            bootstrap = cluster.bootstrapServers();
            System.out.println("Broker up at " + bootstrap);
        }
        try {
            String programId = "demo-app-" + UUID.randomUUID().toString().substring(0, 4);
            DemoTail tail = DemoTail.start(bootstrap, TOPIC, WireFormat.key(programId));
            System.out.printf(Locale.ROOT, "Logging for %d s through io.logshipper.logback.KafkaLogAppender "
                    + "(topic %s, key %s_log, a message every second)...%n%n", seconds, TOPIC, programId);
            LoggerContext logback = configureLogback(bootstrap, programId);
            int logged = DemoApp.run(Duration.ofSeconds(seconds));
            logback.stop(); // the appender's stop() flushes what is still buffered
            boolean complete = tail.awaitEntries(logged, Duration.ofSeconds(20));
            tail.close();
            System.out.printf(Locale.ROOT, "%nThe app logged %d entries; %d arrived in %d Kafka messages%s.%n",
                    logged, tail.entries(), tail.messages(), complete ? "" : " (some are missing)");
            return complete ? 0 : 1;
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static LoggerContext configureLogback(String bootstrap, String programId) throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("bootstrap", bootstrap);
        context.putProperty("topic", TOPIC);
        context.putProperty("programId", programId);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL xml = Demo.class.getResource("/demo-logback.xml");
        int earlier = context.getStatusManager().getCopyOfStatusList().size();
        configurator.doConfigure(xml);
        List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
        for (Status s : statuses.subList(Math.min(earlier, statuses.size()), statuses.size())) {
            if (s.getLevel() >= Status.WARN) {
                System.err.println("logback: " + s.getMessage());
            }
        }
        return context;
    }
}
