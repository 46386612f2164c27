package io.logshipper.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.logshipper.LogShipper;
import io.logshipper.LogShipperBuilder;
import io.logshipper.ShipperStats;
import io.logshipper.config.ConfigException;
import io.logshipper.config.FrontDoor;
import io.logshipper.config.Setting;
import io.logshipper.config.SettingException;
import io.logshipper.config.Settings;
import io.logshipper.config.IniConfig;
import io.logshipper.config.IniFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code logshipper load}: stands in for many programs logging at once. Each program is a {@link LogShipper} with
 * program id {@code load-<i>}, fed at a steady rate, so what reaches Kafka is what real applications would send.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Generates log load: N programs, each logging RATE entries per second for SECS seconds, "
                + "shipped through the logshipper library exactly as applications ship.",
            "Prints a summary (entries logged, delivered, dropped) at the end."})
public final class LoadCommand implements Callable<Integer> {

    /** How often the generator catches up with the schedule; fine enough for smooth rates, cheap on CPU. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Spec
    private CommandSpec spec;

    @Mixin
    private BrokerOptions broker;

    @Option(names = "--topic", paramLabel = "TOPIC", converter = Converters.TopicName.class, description = "Topic to ship to (default: topic from [log] in --config).")
    private String topic;

    @Option(names = "--programs", paramLabel = "N", defaultValue = "1", converter = Converters.PositiveInt.class,
            description = "Number of programs, each with its own shipper (default ${DEFAULT-VALUE}).")
    private int programs;

    @Option(names = "--rate", paramLabel = "ENTRIES_PER_SEC", defaultValue = "10", converter = Converters.PositiveDecimal.class,
            description = "Entries per second logged by each program (default ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--duration", paramLabel = "SECS", defaultValue = "10", converter = Converters.PositiveDecimal.class,
            description = "How long to log, in seconds (default ${DEFAULT-VALUE}).")
    private double duration;

    @Option(names = "--interval-secs", paramLabel = "SECS", defaultValue = "1", converter = Converters.IntervalSecs.class,
            description = "Each shipper's time between messages (default ${DEFAULT-VALUE}).")
    private Duration intervalSecs;

    @Option(names = "--close-timeout-secs", paramLabel = "SECS", defaultValue = "30",
            converter = Converters.CloseTimeoutSecs.class,
            description = "How long closing may take to deliver what is still buffered (default ${DEFAULT-VALUE}).")
    private Duration closeTimeoutSecs;

    /** Creates the command; picocli fills in its options. */
    public LoadCommand() {
    }

    @Override
    public Integer call() {
        IniFile ini = broker.iniFileOrNull();
        validate(ini);
        List<LogShipper> shippers = new ArrayList<>(programs);
        try {
            for (int i = 0; i < programs; i++) {
                shippers.add(builder(ini, i).build());
            }
            long logged = generate(shippers);
            ShipperStats total = closeAll(shippers);
            return summarize(logged, total);
        } finally {
            shippers.forEach(s -> s.close(Duration.ZERO));
        }
    }

    /** Fails with a usage error before any shipper starts, naming the first bad setting. */
    private void validate(IniFile ini) {
        try {
            builder(ini, 0).config();
        } catch (ConfigException e) {
            throw broker.invalidConfig(e);
        } catch (SettingException e) {
            if (e.origin().filter(o -> o.door() == FrontDoor.INI).isPresent()) {
                throw broker.invalidConfig(e);
            }
            boolean missing = e.origin().isEmpty();
            Setting<?> setting = e.setting().orElse(null);
            String hint = missing && setting == Settings.TOPIC ? "Missing required option: '--topic'"
                    : missing && setting == Settings.BOOTSTRAP_SERVERS ? "Missing required option: '--bootstrap-server'"
                    : "Invalid settings: " + e.getMessage();
            throw new ParameterException(spec.commandLine(), hint);
        }
    }

    private LogShipperBuilder builder(IniFile ini, int index) {
        LogShipperBuilder b = ini == null ? LogShipper.builder() : IniConfig.applyTo(LogShipper.builder(), ini);
        if (broker.bootstrapServersFlag() != null) {
            b.bootstrapServers(broker.bootstrapServersFlag());
        }
        if (topic != null) {
            b.topic(topic);
        }
        return b.programId("load-" + index).interval(intervalSecs);
    }

    /** Logs on schedule from this one thread; returns how many entries were logged. */
    private long generate(List<LogShipper> shippers) {
        long[] sent = new long[shippers.size()];
        long start = System.nanoTime();
        long end = start + (long) (duration * 1e9);
        long nextProgress = start + PROGRESS_NANOS;
        boolean terminal = System.console() != null;
        long logged = 0;
        while (true) {
            long now = Math.min(System.nanoTime(), end);
            // Catch up to where the schedule says each program should be, so pauses do not lower the rate.
            long due = (long) Math.floor(rate * (now - start) / 1e9);
            for (int i = 0; i < shippers.size(); i++) {
                while (sent[i] < due) {
                    shippers.get(i).log("load-" + i + " entry " + sent[i] + " of a steady stream of test entries");
                    sent[i]++;
                    logged++;
                }
            }
            if (now >= end) {
                break;
            }
            if (terminal && now >= nextProgress) {
                progress(shippers, logged, now - start);
                nextProgress += PROGRESS_NANOS;
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
        if (terminal) {
            spec.commandLine().getOut().print("\r\u001b[K");
        }
        return logged;
    }

    private void progress(List<LogShipper> shippers, long logged, long elapsedNanos) {
        ShipperStats s = sum(shippers);
        PrintWriter out = spec.commandLine().getOut();
        out.print(String.format(Locale.ROOT, "\r\u001b[K%.0f s: logged %d, delivered %d, dropped %d",
                elapsedNanos / 1e9, logged, s.delivered(), s.dropped()));
        out.flush();
    }

    /** Closes every shipper at once, so a slow broker costs one close timeout, not one per program. */
    private ShipperStats closeAll(List<LogShipper> shippers) {
        Duration budget = closeTimeoutSecs;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(shippers.size(), 16), r -> {
            Thread t = new Thread(r, "logshipper-load-close");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Long>> closing = new ArrayList<>();
            shippers.forEach(s -> closing.add(pool.submit(() -> s.close(budget))));
            for (Future<Long> f : closing) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    spec.commandLine().getErr().println("logshipper load: closing a shipper failed: " + e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        return sum(shippers);
    }

    private int summarize(long logged, ShipperStats total) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "programs: %d, rate: %s entries/s each, duration: %s s",
                programs, PythonRepr.floatRepr(rate), PythonRepr.floatRepr(duration)));
        out.println(String.format(Locale.ROOT,
                "logged: %d, delivered: %d, dropped: %d, failed: %d, undelivered: %d, messages: %d",
                logged, total.delivered(), total.dropped(), total.failed(), total.undelivered(), total.messagesSent()));
        out.flush();
        if (logged > 0 && total.delivered() == 0) {
            spec.commandLine().getErr().println("logshipper load: nothing was delivered; is Kafka reachable at "
                    + servers() + "?");
        }
        return total.dropped() == 0 && total.undelivered() == 0 ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    private String servers() {
        return broker.bootstrapServersFlag() != null ? broker.bootstrapServersFlag() : "the configured brokers";
    }

    private static ShipperStats sum(List<LogShipper> shippers) {
        long accepted = 0;
        long dropped = 0;
        long delivered = 0;
        long failed = 0;
        long sent = 0;
        long sendFailed = 0;
        for (LogShipper shipper : shippers) {
            ShipperStats s = shipper.stats();
            accepted += s.accepted();
            dropped += s.dropped();
            delivered += s.delivered();
            failed += s.failed();
            sent += s.messagesSent();
            sendFailed += s.messagesFailed();
        }
        return new ShipperStats(accepted, dropped, delivered, failed, sent, sendFailed);
    }
}
