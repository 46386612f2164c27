package io.logshipper.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

import io.logshipper.LogLevel;
import io.logshipper.internal.Problems;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code logshipper aggregate}: the log aggregation service. A long-running {@code tail} in a named consumer
 * group that writes every program's entries, merged, to stdout, files or user sinks, commits an offset only after
 * the sinks made its entries durable, and serves health, metrics, runtime levels and a live page over HTTP.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        // One paragraph, so picocli wraps it to the terminal: lines broken by hand were broken again at 80 columns.
        description = "Runs the log aggregation service: reads shipped logs in a consumer group and writes them, "
                + "merged, to stdout, files or sinks; commits only what the sinks flushed; serves /healthcheck, "
                + "/metrics, /levels, /events and a live page over HTTP.")
public final class AggregateCommand implements Callable<Integer> {

    static final String DEFAULT_GROUP = "logshipper-aggregate";
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    private static final long STOP_BUDGET_SECONDS = 10;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BrokerOptions broker;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private TailCommand.Topics topics;

    @Option(names = "--group", paramLabel = "GROUP", defaultValue = DEFAULT_GROUP,
            description = "Consumer group; instances in one group split the partitions. Default: ${DEFAULT-VALUE}.")
    private String group;

    @Option(names = "--from-beginning",
            description = "On the group's first run, start at the oldest message kept instead of new ones.")
    private boolean fromBeginning;

    @Option(names = "--program", paramLabel = "ID", description = "Only entries of this program; repeatable.")
    private List<String> programs = List.of();

    @Option(names = "--level", paramLabel = "LEVEL", converter = Converters.Level.class, defaultValue = "ALL",
            description = "Only entries at this level or above (entries without a level are always written); "
                    + "/levels changes it per program and logger. Default: ${DEFAULT-VALUE}.")
    private LogLevel level;

    @Mixin
    private EntryFilterOptions filters = new EntryFilterOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Converters.Format.class,
            description = "text (default), json (one object per entry) or raw (as the Python consumer prints).")
    private OutputFormat format;

    @Option(names = "--output", paramLabel = "-|FILE",
            description = "Write to stdout (-, the default when no other output is named) or append to FILE.")
    private String output;

    @Option(names = "--output-per-program", paramLabel = "DIR",
            description = "Also write each program's entries to DIR/<program>.log.")
    private Path outputPerProgram;

    @Option(names = "--rotate-size", paramLabel = "SIZE", converter = Converters.ByteSize.class,
            description = "Rotate output files at SIZE (e.g. 64MiB): FILE -> FILE.1 ... FILE.N.")
    private Long rotateSize;

    @Option(names = "--rotate-keep", paramLabel = "N", converter = Converters.Count.class, defaultValue = "5",
            description = "Rotated files to keep. Default: ${DEFAULT-VALUE}.")
    private int rotateKeep;

    @Option(names = "--sink", paramLabel = "NAME",
            description = "Also write to the sink NAME (a LogSink found on the class path); repeatable.")
    private List<String> sinkNames = List.of();

    @Option(names = "--sink-option", paramLabel = "NAME.KEY=VALUE",
            description = "An option for the sink NAME; repeatable.")
    private List<String> sinkOptions = List.of();

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5555",
            description = "Where to serve /healthcheck, /metrics, /levels, /events and the page. "
                    + "Default: ${DEFAULT-VALUE} (port 0: any free port).")
    private String http;

    @Option(names = "--no-http", description = "Serve no HTTP at all.")
    private boolean noHttp;

    @Option(names = "--http-token-file", paramLabel = "FILE",
            description = "POST /levels calls must send Authorization: Bearer <the token in FILE>.")
    private Path tokenFile;

    @Option(names = "--commit-interval", paramLabel = "SECS", converter = Converters.Seconds.class,
            defaultValue = "1", description = "Flush the sinks and commit this often. Default: ${DEFAULT-VALUE} s.")
    private Duration commitInterval;

    @Option(names = "--discovery-interval", paramLabel = "SECS", converter = Converters.Seconds.class,
            defaultValue = "10", description = "How soon new topics matching --topic-pattern are read "
                    + "(metadata.max.age.ms). Default: ${DEFAULT-VALUE} s.")
    private Duration discoveryInterval;

    @Option(names = "--unhealthy-after", paramLabel = "SECS", converter = Converters.Seconds.class,
            defaultValue = "30", description = "/healthcheck answers 503 once the poll loop or the broker has "
                    + "been silent this long. Default: ${DEFAULT-VALUE} s.")
    private Duration unhealthyAfter;

    @Option(names = "--events-max-clients", paramLabel = "N", converter = Converters.PositiveInt.class,
            defaultValue = "16", description = "Most /events clients at once. Default: ${DEFAULT-VALUE}.")
    private int maxClients;

    @Option(names = "--events-client-queue", paramLabel = "N", converter = Converters.PositiveInt.class,
            defaultValue = "1000", description = "Entries queued per /events client before it is told "
                    + "'dropped'. Default: ${DEFAULT-VALUE}.")
    private int clientQueue;

    @Option(names = "--events-history", paramLabel = "N", converter = Converters.Count.class,
            defaultValue = "1000", description = "Entries kept for Last-Event-ID resume. Default: ${DEFAULT-VALUE}.")
    private int history;

    @Option(names = "--no-color", description = "Never colour stdout by level (colour is only used on a terminal).")
    private boolean noColor;

    /** Creates the command; picocli fills in its options. */
    public AggregateCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        HeaderFilter headerFilter = filters.headerFilter(spec.commandLine());
        SelfLog log = new SelfLog(err, LogLevel.INFO);
        Map<String, Object> settings = consumerSettings();
        String where = BrokerOptions.describe(settings);
        byte[] token = readToken();
        InetSocketAddress address = noHttp ? null : httpAddress();
        List<LogSink> sinks = sinks();
        AggregateStats stats = new AggregateStats();
        for (LogSink s : sinks) {
            String detail = s instanceof FileSink f ? f.path().toString()
                    : s instanceof PerProgramSink ? String.valueOf(outputPerProgram) : null;
            stats.sinks.put(s.name(), new AggregateStats.SinkStats(s.name(), detail));
        }
        openSinks(sinks);
        LevelPolicy policy = new LevelPolicy(level);
        EventHub hub = new EventHub(history, clientQueue, maxClients);
        AggregatePipeline pipeline = new AggregatePipeline(format, programs, filters.grep, headerFilter,
                filters.showHeaders, policy, sinks, stats, hub, log);
        String subscription = topics.pattern != null ? topics.pattern.pattern() : String.join(",", topics.names);
        Health health = new Health(stats, hostname(), group, subscription, unhealthyAfter.toNanos());

        TailConsumer consumer;
        try {
            consumer = new TailConsumer(settings, true, err, "aggregate", hooks(pipeline, stats), COMMIT_TIMEOUT);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            pipeline.closeAll();
            throw broker.invalidConfig(e);
        } catch (KafkaException e) {
            pipeline.closeAll();
            err.println("logshipper aggregate: Kafka at " + where + " failed: " + Problems.describe(e));
            return ExitCodes.KAFKA;
        }
        AdminServer server = null;
        ScheduledExecutorService probe = null;
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stopper = () -> {
            stats.phase.set(AggregateStats.Phase.STOPPING);
            stop.set(true);
            consumer.wakeup();
        };
        Signals signals = Signals.install(stopper, stopped, err);
        Thread hook = new Thread(() -> {
            stopper.run();
            awaitQuietly(stopped);
        }, "logshipper-aggregate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (address != null) {
                server = new AdminServer(address, health, policy, log, hub, maxClients, token);
                server.start();
                InetSocketAddress bound = server.address();
                log.info("HTTP on http://" + bound.getHostString() + ":" + bound.getPort() + "/");
            }
            probe = startProbe(stats, err);
            if (topics.pattern != null) {
                consumer.subscribe(topics.pattern);
            } else {
                consumer.subscribe(topics.names);
            }
            log.info("group " + group + ", reading " + subscription + " from " + where + ", writing to "
                    + String.join(", ", AggregatePipeline.names(sinks)));
            stats.phase.compareAndSet(AggregateStats.Phase.STARTING, AggregateStats.Phase.RUNNING);
            loop(consumer, pipeline, stats, stop);
            return ExitCodes.OK;
        } catch (WakeupException | InterruptException e) {
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("logshipper aggregate: cannot serve HTTP on " + http + ": " + Problems.describe(e));
            return ExitCodes.USAGE;
        } catch (KafkaException e) {
            err.println("logshipper aggregate: Kafka at " + where + " failed: " + Problems.describe(e));
            return ExitCodes.KAFKA;
        } finally {
            stats.phase.set(AggregateStats.Phase.STOPPING);
            try {
                consumer.commit();
            } catch (KafkaException e) {
                err.println("logshipper aggregate: warning: the final commit failed (" + Problems.describe(e)
                        + "); a restart may write some entries again");
            }
            consumer.close();
            pipeline.closeAll();
            if (server != null) {
                server.close();
            }
            if (probe != null) {
                probe.shutdownNow();
            }
            err.flush();
            stopped.countDown();
            signals.restore();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running and waits for the latch above.
            }
        }
    }

    private void loop(TailConsumer consumer, AggregatePipeline pipeline, AggregateStats stats, AtomicBoolean stop) {
        long intervalNanos = commitInterval.toNanos();
        long lastCommit = System.nanoTime();
        long lastLag = 0;
        while (!stop.get()) {
            Iterable<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(200));
            stats.lastPollNanos.set(System.nanoTime());
            for (ConsumerRecord<byte[], byte[]> r : records) {
                pipeline.handle(r);
                consumer.handled(r);
            }
            if (records.iterator().hasNext()) {
                pipeline.endOfBatch();
            }
            long now = System.nanoTime();
            if (now - lastLag >= 1_000_000_000L) {
                refreshLag(consumer, stats);
                lastLag = now;
            }
            if (now - lastCommit >= intervalNanos) {
                boolean any = consumer.hasPending();
                if (consumer.commit() && any) {
                    stats.commits.incrementAndGet();
                }
                lastCommit = System.nanoTime();
            }
        }
    }

    private static void refreshLag(TailConsumer consumer, AggregateStats stats) {
        Set<TopicPartition> assigned = consumer.assignment();
        stats.lag.keySet().retainAll(assigned);
        for (TopicPartition tp : assigned) {
            OptionalLong lag = consumer.currentLag(tp);
            stats.lag.put(tp, lag.isPresent() ? lag.getAsLong() : -1L);
        }
    }

    private static TailConsumer.Hooks hooks(AggregatePipeline pipeline, AggregateStats stats) {
        return new TailConsumer.Hooks() {
            @Override
            public boolean beforeCommit() {
                boolean flushed = pipeline.flushAll();
                if (!flushed) {
                    stats.commitsHeldBack.incrementAndGet();
                }
                return flushed;
            }

            @Override
            public void assigned(Collection<TopicPartition> partitions) {
                partitions.forEach(tp -> stats.lag.putIfAbsent(tp, -1L));
            }

            @Override
            public void revoked(Collection<TopicPartition> partitions) {
                partitions.forEach(stats.lag::remove);
            }
        };
    }

    /** Asks a broker for the cluster id every few seconds, off the poll thread, so health sees an outage. */
    private ScheduledExecutorService startProbe(AggregateStats stats, PrintWriter err) {
        Map<String, Object> adminSettings = broker.adminSettings();
        long periodMillis = Math.max(200, Math.min(5000, unhealthyAfter.toMillis() / 3));
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "logshipper-aggregate-probe");
            t.setDaemon(true);
            return t;
        });
        probe.execute(() -> {
            Admin admin = Admin.create(adminSettings);
            probe.scheduleWithFixedDelay(() -> {
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) periodMillis * 2))
                            .clusterId().get(periodMillis * 2 + 1000, TimeUnit.MILLISECONDS);
                    stats.lastBrokerOkNanos.set(System.nanoTime());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // Counted as silence; health turns DOWN once it lasts longer than --unhealthy-after.
                }
            }, 0, periodMillis, TimeUnit.MILLISECONDS);
            // Closed when the executor is shut down: its thread is interrupted and the JVM exits anyway.
        });
        return probe;
    }

    /** Our defaults, then the file, then the flags: a flag given on the command line always wins. */
    private Map<String, Object> consumerSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, String.valueOf(discoveryInterval.toMillis()));
        settings.putAll(broker.consumerSettings());
        if (fromBeginning) {
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return settings;
    }

    private List<LogSink> sinks() {
        boolean colour = !noColor && format == OutputFormat.TEXT && System.console() != null
                && System.getenv("NO_COLOR") == null;
        long rotate = rotateSize == null ? Long.MAX_VALUE : rotateSize;
        if (rotateSize != null && (output == null || output.equals("-")) && outputPerProgram == null) {
            throw usage("--rotate-size needs --output FILE or --output-per-program DIR");
        }
        List<LogSink> sinks = new ArrayList<>();
        if (output != null && !output.equals("-")) {
            sinks.add(new FileSink("file", Path.of(output), rotate, rotateKeep));
        } else if (output != null || outputPerProgram == null && sinkNames.isEmpty()) {
            sinks.add(new StdoutSink(spec.commandLine().getOut(), colour));
        }
        if (outputPerProgram != null) {
            sinks.add(new PerProgramSink(outputPerProgram, rotate, rotateKeep));
        }
        if (!sinkNames.isEmpty()) {
            Map<String, LogSink> found = new LinkedHashMap<>();
            try {
                for (LogSink s : ServiceLoader.load(LogSink.class)) {
                    found.putIfAbsent(s.name(), s);
                }
            } catch (ServiceConfigurationError e) {
                throw usage("a LogSink on the class path cannot be loaded: " + Problems.describe(e));
            }
            for (String name : sinkNames) {
                LogSink s = name.equals("stdout") ? new StdoutSink(spec.commandLine().getOut(), colour)
                        : found.get(name);
                if (s == null) {
                    throw usage("Invalid value for option '--sink': no sink named '" + EntryFormatter.neutralise(name)
                            + "' on the class path (found: " + (found.isEmpty() ? "none"
                            : String.join(", ", found.keySet())) + ", and the built-in stdout)");
                }
                sinks.add(s);
            }
        }
        Set<String> names = new HashSet<>();
        for (LogSink s : sinks) {
            if (!names.add(s.name())) {
                throw usage("Invalid value for option '--sink': the sink " + s.name() + " is named twice");
            }
        }
        return sinks;
    }

    private void openSinks(List<LogSink> sinks) {
        Map<String, Map<String, String>> options = new HashMap<>();
        for (String o : sinkOptions) {
            int dot = o.indexOf('.');
            int eq = o.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw usage("Invalid value for option '--sink-option': expected NAME.KEY=VALUE but was '"
                        + EntryFormatter.neutralise(o.length() > 40 ? o.substring(0, 40) + "…" : o) + "'");
            }
            options.computeIfAbsent(o.substring(0, dot), k -> new HashMap<>())
                    .put(o.substring(dot + 1, eq), o.substring(eq + 1));
        }
        for (String name : options.keySet()) {
            if (sinks.stream().noneMatch(s -> s.name().equals(name))) {
                throw usage("Invalid value for option '--sink-option': no sink named '"
                        + EntryFormatter.neutralise(name) + "' is in use");
            }
        }
        List<LogSink> opened = new ArrayList<>();
        for (LogSink s : sinks) {
            try {
                s.open(Map.copyOf(options.getOrDefault(s.name(), Map.of())));
                opened.add(s);
            } catch (Exception | LinkageError e) {
                for (LogSink o : opened) {
                    try {
                        o.close();
                    } catch (Exception ignored) {
                        // Already failing; the first problem is the one to report.
                    }
                }
                throw usage("the sink " + s.name() + " cannot start: " + Problems.describe(e));
            }
        }
    }

    private byte[] readToken() {
        if (tokenFile == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(tokenFile)) {
            // Read up to the limit, never to the end: the file may be /dev/zero or a pipe that never ends.
            byte[] bytes = in.readNBytes(4097);
            if (bytes.length > 4096) {
                throw usage("Invalid value for option '--http-token-file': " + tokenFile + " is larger than 4 KiB");
            }
            String t = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString().strip();
            if (t.isEmpty()) {
                throw usage("Invalid value for option '--http-token-file': " + tokenFile + " is empty");
            }
            return t.getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ParameterException p) {
                throw p;
            }
            throw usage("Invalid value for option '--http-token-file': cannot read " + tokenFile + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private InetSocketAddress httpAddress() {
        int colon = http.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(http.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            String host = http.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw usage("Invalid value for option '--http': expected HOST:PORT (e.g. 127.0.0.1:5555) but was '"
                    + EntryFormatter.neutralise(http) + "'");
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(STOP_BUDGET_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
