package io.logshipper.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code logshipper tail}: reads shipped log messages and prints their entries, like {@code tail -f}.
 * Options are checked by picocli; the consumer's life (connect, subscribe, poll, commit, close) is here.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Reads shipped log messages and prints their entries.",
            "By default only messages that arrive from now on are shown (like tail -f)."})
public final class TailCommand implements Callable<Integer> {

    /** OpenMSIStream's {@code group.id} value for "a new group each run". */
    static final String CREATE_NEW_GROUP = "create_new";

    private static final long DEFAULT_PROBE_SECS = 10;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BrokerOptions broker;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Topics topics;

    /** {@code --topic} and {@code --topic-pattern}: exactly one of the two. */
    static final class Topics {
        @Option(names = "--topic", paramLabel = "TOPIC", required = true,
                description = "Topic to read; repeat for several.")
        List<String> names;

        @Option(names = "--topic-pattern", paramLabel = "REGEX", required = true, converter = Converters.Regex.class,
                description = "Read every topic whose whole name matches, including topics created later.")
        Pattern pattern;
    }

    @Option(names = "--from-beginning", description = "Start at the oldest message still kept instead of new ones.")
    private boolean fromBeginning;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "Consumer group: commit offsets so that a restart resumes where this run stopped. "
                    + "Default: a throwaway group that commits nothing.")
    private String group;

    @Option(names = "--program", paramLabel = "ID", description = "Only messages of this program (key ID_log); repeatable.")
    private List<String> programs = List.of();

    @Mixin
    private EntryFilterOptions filters = new EntryFilterOptions();

    private HeaderFilter headerFilter;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Converters.Format.class,
            description = "text (default), json (one object per entry) or raw (as the Python consumer prints).")
    private OutputFormat format;

    @Option(names = "--no-color", description = "Never colour entries by level (colour is only used on a terminal).")
    private boolean noColor;

    @Option(names = "--max-messages", paramLabel = "N", converter = Converters.PositiveLong.class,
            description = "Exit after printing N Kafka messages.")
    private Long maxMessages;

    @Option(names = "--timeout-secs", paramLabel = "S", converter = Converters.PositiveDecimal.class,
            description = "Exit when nothing was printed for S seconds: with exit code 0 if anything was printed, "
                    + "else 1; exit code 3 if Kafka cannot be reached within S seconds.")
    private Double timeoutSecs;

    /** Creates the command; picocli fills in its options. */
    public TailCommand() {
    }

    @Override
    public Integer call() {
        headerFilter = filters.headerFilter(spec.commandLine());
        Map<String, Object> settings = consumerSettings();
        String where = BrokerOptions.describe(settings);
        // Offsets are committed only to a group the user named (flag or file); a throwaway group keeps nothing.
        boolean commits = !settings.get(ConsumerConfig.GROUP_ID_CONFIG).toString()
                .startsWith(TailConsumer.THROWAWAY_GROUP_PREFIX);
        TailConsumer consumer;
        try {
            consumer = new TailConsumer(settings, commits, spec.commandLine().getErr());
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw broker.invalidConfig(e);
        } catch (KafkaException e) {
            return kafkaError(where, e);
        }
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C: stop polling, commit, close, and only then let the JVM go.
        Thread hook = new Thread(() -> {
            consumer.wakeup();
            awaitQuietly(closed);
        }, "logshipper-tail-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(consumer, where);
        } catch (WakeupException | InterruptException e) {
            consumer.commit();
            return ExitCodes.OK;
        } catch (KafkaException e) {
            return kafkaError(where, e);
        } finally {
            spec.commandLine().getOut().flush();
            consumer.close();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running and waits for the latch above.
            }
        }
    }

    private int run(TailConsumer consumer, String where) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long idleNanos = timeoutSecs == null ? Long.MAX_VALUE : (long) (timeoutSecs * 1e9);
        long lastPrinted = System.nanoTime();
        Duration probe = timeoutSecs == null ? Duration.ofSeconds(DEFAULT_PROBE_SECS)
                : Duration.ofNanos(idleNanos);
        if (!consumer.reachable(probe)) {
            if (timeoutSecs != null) {
                err.println("logshipper tail: cannot reach Kafka at " + where);
                return ExitCodes.KAFKA;
            }
            err.println("logshipper tail: cannot reach Kafka at " + where + " (still trying)");
        }
        if (topics.pattern != null) {
            consumer.subscribe(topics.pattern);
        } else {
            consumer.subscribe(topics.names);
        }
        TailPrinter printer = new TailPrinter(out, err, format, programs, filters.grep, useColour());
        long printed = 0;
        while (true) {
            long idle = System.nanoTime() - lastPrinted;
            if (idle >= idleNanos) {
                if (printed == 0) {
                    err.println("logshipper tail: no message arrived within " + PythonRepr.floatRepr(timeoutSecs)
                            + " s");
                    return ExitCodes.INCOMPLETE;
                }
                return ExitCodes.OK;
            }
            long waitMillis = Math.max(1, Math.min(500, TimeUnit.NANOSECONDS.toMillis(idleNanos - idle)));
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(waitMillis))) {
                if (!headerFilter.matches(r.headers())) {
                    consumer.handled(r);
                    continue;
                }
                if (filters.showHeaders) {
                    printer.beforeNextLine(HeaderFilter.line(format, r.headers()));
                }
                boolean shown = printer.print(r.topic(), r.partition(), r.offset(), r.key(), r.value());
                consumer.handled(r);
                if (shown) {
                    printed++;
                    lastPrinted = System.nanoTime();
                    if (maxMessages != null && printed >= maxMessages) {
                        out.flush();
                        consumer.commit();
                        return ExitCodes.OK;
                    }
                }
            }
            out.flush();
            consumer.commit();
        }
    }

    /** Our defaults, then the file, then the flags: a flag given on the command line always wins. */
    private Map<String, Object> consumerSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // A reader must never create the topics it reads.
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        if (topics.pattern != null) {
            // Topics created after start-up match the pattern only once metadata is refreshed.
            settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        }
        settings.putAll(broker.consumerSettings());
        if (fromBeginning) {
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        if (group != null) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        // OpenMSIStream's "group.id = create_new" asks for a new group on every run: that is the throwaway group.
        if (CREATE_NEW_GROUP.equals(settings.get(ConsumerConfig.GROUP_ID_CONFIG))) {
            settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        }
        settings.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG,
                TailConsumer.THROWAWAY_GROUP_PREFIX + UUID.randomUUID());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return settings;
    }

    private boolean useColour() {
        return !noColor && format == OutputFormat.TEXT && System.console() != null && System.getenv("NO_COLOR") == null;
    }

    private int kafkaError(String where, KafkaException e) {
        spec.commandLine().getErr().println("logshipper tail: Kafka at " + where + " failed: " + e.getMessage());
        return ExitCodes.KAFKA;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
