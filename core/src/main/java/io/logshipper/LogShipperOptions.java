package io.logshipper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.logshipper.config.IniConfig;
import io.logshipper.config.IniFile;
import io.logshipper.config.ShipperKeys;
import io.logshipper.internal.Attachments;
import io.logshipper.internal.IntervalConverter;
import io.logshipper.internal.Intervals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Option;

/**
 * The host-application flags that turn log shipping on, as OpenMSIStream's programs take them:
 * {@code --log_topic_name}, {@code --log_program_id}, {@code --log_interval_secs}, and {@code --config FILE} for
 * the INI file. Flags override the file. Without {@code --log_topic_name} shipping stays off.
 *
 * <p>Use it as a picocli {@code @Mixin} in the application's own command, or, without picocli, with
 * {@link #fromArgs(String...)}, which takes the {@code --log_*} flags out of the arguments and leaves the rest
 * for the application. Then call {@link #start()}.
 */
public final class LogShipperOptions {

    /** The flag that names the topic and turns shipping on. */
    public static final String TOPIC_FLAG = "--log_topic_name";
    /** The flag for the program id. */
    public static final String PROGRAM_ID_FLAG = "--log_program_id";
    /** The flag for the interval in decimal seconds. */
    public static final String INTERVAL_FLAG = "--log_interval_secs";
    /** The flag for the INI file. */
    public static final String CONFIG_FLAG = "--config";

    @Option(names = TOPIC_FLAG, paramLabel = "TOPIC",
            description = "Kafka topic to ship this program's logs to; without it, logs are not shipped.")
    private String topic;

    @Option(names = PROGRAM_ID_FLAG, paramLabel = "ID",
            description = "Identifies this program; messages are keyed <ID>_log (default: a hex id that changes per run).")
    private String programId;

    @Option(names = INTERVAL_FLAG, paramLabel = "SECS", converter = IntervalConverter.class,
            description = "Seconds between log messages, decimal, > 0 (default: 60).")
    private Double intervalSecs;

    @Option(names = CONFIG_FLAG, paramLabel = "FILE",
            description = "INI file with [broker] and [log] sections for the log producer.")
    private Path configFile;

    private final List<String> remainingArgs = new ArrayList<>();

    /** Empty options: shipping off until a topic is set. picocli also creates them this way for a {@code @Mixin}. */
    public LogShipperOptions() {
    }

    /**
     * Reads the logshipper flags from {@code args} ({@code --flag value} or {@code --flag=value}). The
     * {@code --log_*} flags are taken out; {@code --config FILE} is read but also left in place, since in
     * OpenMSIStream-style programs the same file configures the application. See {@link #remainingArgs()}.
     *
     * @throws IllegalArgumentException naming the flag, for a missing or invalid value
     */
    public static LogShipperOptions fromArgs(String... args) {
        LogShipperOptions options = new LogShipperOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean known = name.equals(TOPIC_FLAG) || name.equals(PROGRAM_ID_FLAG) || name.equals(INTERVAL_FLAG)
                    || name.equals(CONFIG_FLAG);
            if (!known) {
                options.remainingArgs.add(arg);
                continue;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Missing required parameter for option '" + name + "'");
            }
            switch (name) {
                case TOPIC_FLAG -> options.topic = value;
                case PROGRAM_ID_FLAG -> options.programId = value;
                case INTERVAL_FLAG -> options.intervalSecs = Intervals.parse(name, value);
                default -> {
                    options.configFile = Path.of(value);
                    options.remainingArgs.add(name);
                    options.remainingArgs.add(value);
                }
            }
        }
        return options;
    }

    /** The arguments {@link #fromArgs} did not take, in their order, for the host application. */
    public String[] remainingArgs() {
        return remainingArgs.toArray(new String[0]);
    }

    /** The flags and what they do, for a host application's own {@code --help}. */
    public static String usage() {
        return "  " + TOPIC_FLAG + " TOPIC      Kafka topic to ship this program's logs to; without it, logs are not shipped.\n"
                + "  " + PROGRAM_ID_FLAG + " ID        Identifies this program; messages are keyed <ID>_log.\n"
                + "  " + INTERVAL_FLAG + " SECS    Seconds between log messages, decimal, > 0 (default: 60).\n"
                + "  " + CONFIG_FLAG + " FILE               INI file with [broker] and [log] sections.\n";
    }

    /** The topic flag's value, if given. */
    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    /** The program id flag's value, if given. */
    public Optional<String> programId() {
        return Optional.ofNullable(programId);
    }

    /** The interval flag's value, if given. */
    public Optional<Double> intervalSecs() {
        return Optional.ofNullable(intervalSecs);
    }

    /** The config file flag's value, if given. */
    public Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }

    /** Whether shipping is on: a topic was given. */
    public boolean enabled() {
        return topic != null;
    }

    /**
     * The shipper settings from the file (if any) with the flags laid over them.
     *
     * @throws IllegalArgumentException naming the file and line or the flag of the first mistake
     */
    public LogShipperBuilder builder() {
        LogShipperBuilder b = LogShipper.builder();
        if (configFile != null) {
            IniConfig.applyTo(b, IniFile.load(configFile));
        }
        if (topic != null) {
            b.topic(topic);
        }
        if (programId != null) {
            if (programId.isBlank()) {
                throw new IllegalArgumentException("Invalid value for option '" + PROGRAM_ID_FLAG + "': must not be empty");
            }
            b.programId(programId);
        }
        if (intervalSecs != null) {
            b.intervalSecs(intervalSecs);
        }
        return b;
    }

    /**
     * Starts shipping and attaches the shipper to the logging framework the application uses (Logback or Log4j2
     * when one of their appender modules is present and in use, otherwise {@code java.util.logging}), so every
     * record reaching the root logger is shipped. Without {@code --log_topic_name} it does nothing and says so
     * once at debug level.
     *
     * @return what detaches and flushes, on {@code close()}
     * @throws IllegalArgumentException naming the file and line or the flag of the first mistake
     */
    public ShippingHandle start() {
        if (!enabled()) {
            LoggerFactory.getLogger(LogShipperOptions.class).debug(
                    "logshipper: {} not given, so logs are not shipped to Kafka", TOPIC_FLAG);
            return ShippingHandle.NONE;
        }
        LogShipperBuilder b = builder();
        LogShipperConfig config = b.config();
        String level = configFile == null ? null
                : IniFile.load(configFile).section(IniConfig.LOG).flatMap(s -> s.get(ShipperKeys.LOG_LEVEL)).orElse(null);
        LogShipper shipper = b.build();
        ShippingHandle handle = Attachments.attach(shipper, level, config);
        Logger log = LoggerFactory.getLogger(LogShipperOptions.class);
        log.info("logshipper: shipping {} logs to topic '{}' keyed '{}' every {} s", handle.framework(),
                config.topic(), shipper.key(), config.interval().toMillis() / 1000.0);
        log.debug("logshipper: effective settings (secrets hidden):\n{}", config.describe());
        return handle;
    }
}
