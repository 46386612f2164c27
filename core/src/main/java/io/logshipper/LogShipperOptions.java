package io.logshipper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.logshipper.config.FrontDoor;
import io.logshipper.config.IniConfig;
import io.logshipper.config.IniFile;
import io.logshipper.config.Origin;
import io.logshipper.config.Setting;
import io.logshipper.config.SettingException;
import io.logshipper.config.Settings;
import io.logshipper.internal.Attachments;
import io.logshipper.spi.LoggingAttachment;
import io.logshipper.internal.PicocliErrors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The host-application flags that turn log shipping on, as OpenMSIStream's programs take them:
 * {@code --log_topic_name}, {@code --log_program_id}, {@code --log_interval_secs}, and {@code --config FILE} for
 * the INI file. Flags override the file. Without {@code --log_topic_name} shipping stays off.
 *
 * <p>Use it as a picocli {@code @Mixin} in the application's own command, or, without picocli, with
 * {@link #fromArgs(String...)}, which takes the {@code --log_*} flags out of the arguments and leaves the rest
 * for the application. Then call {@link #start()}. Either way a value is checked by the same parser as in every
 * other front door ({@link Settings}), and the error reads {@code --log_interval_secs must be ...}.
 */
public final class LogShipperOptions {

    /** The flag that names the topic and turns shipping on. */
    public static final String TOPIC_FLAG = Settings.TOPIC_FLAG;
    /** The flag for the program id. */
    public static final String PROGRAM_ID_FLAG = Settings.PROGRAM_ID_FLAG;
    /** The flag for the interval in decimal seconds. */
    public static final String INTERVAL_FLAG = Settings.INTERVAL_FLAG;
    /** The flag for the INI file. */
    public static final String CONFIG_FLAG = "--config";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    /** The flags given, by setting, checked as they were read. */
    private final Map<Setting<?>, String> given = new LinkedHashMap<>();
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
     * @throws IllegalArgumentException naming the flag: a missing or invalid value, or a flag given twice
     */
    public static LogShipperOptions fromArgs(String... args) {
        LogShipperOptions options = new LogShipperOptions();
        boolean configSeen = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq >= 0 ? arg.substring(0, eq) : arg;
            Setting<?> setting = flagged(name);
            if (setting == null && !name.equals(CONFIG_FLAG)) {
                options.remainingArgs.add(arg);
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                // "--log_topic_name --log_program_id demo" must not ship to a topic called "--log_program_id".
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (setting == null) {
                if (configSeen) {
                    throw new IllegalArgumentException(name + " is given twice");
                }
                configSeen = true;
                options.configFile = Path.of(value);
                options.remainingArgs.add(name);
                options.remainingArgs.add(value);
            } else {
                if (options.given.containsKey(setting)) {
                    throw new IllegalArgumentException(name + " is given twice");
                }
                options.put(setting, value);
            }
        }
        return options;
    }

    private static Setting<?> flagged(String name) {
        for (Setting<?> s : Settings.ALL) {
            if (s.flag().filter(name::equals).isPresent()) {
                return s;
            }
        }
        return null;
    }

    /** Checks a flag's value at once, so a mistake is reported before the application starts its work. */
    private void put(Setting<?> setting, String value) {
        LogShipper.builder().setText(setting, value, Origin.FLAG);
        given.put(setting, value);
    }

    /** The picocli setter: a wrong value is a usage error of the host application's command. */
    private void putOption(Setting<?> setting, String value) {
        if (value == null) {
            return;
        }
        try {
            put(setting, value);
        } catch (SettingException e) {
            throw PicocliErrors.usageError(mixee, e.wordedFor(Origin.FLAG.door()));
        }
    }

    @Option(names = TOPIC_FLAG, paramLabel = "TOPIC",
            description = "Kafka topic to ship this program's logs to; without it, logs are not shipped.")
    private void topicOption(String value) {
        putOption(Settings.TOPIC, value);
    }

    @Option(names = PROGRAM_ID_FLAG, paramLabel = "ID",
            description = "Identifies this program; messages are keyed <ID>_log (default: a hex id that changes per run).")
    private void programIdOption(String value) {
        putOption(Settings.PROGRAM_ID, value);
    }

    @Option(names = INTERVAL_FLAG, paramLabel = "SECS",
            description = "Seconds between log messages, decimal, from 0.001 to 86400 (default: 60).")
    private void intervalOption(String value) {
        putOption(Settings.INTERVAL_SECS, value);
    }

    @Option(names = CONFIG_FLAG, paramLabel = "FILE",
            description = "INI file with [broker] and [log] sections for the log producer.")
    private void configOption(Path file) {
        this.configFile = file;
    }

    /** The arguments {@link #fromArgs} did not take, in their order, for the host application. */
    public String[] remainingArgs() {
        return remainingArgs.toArray(new String[0]);
    }

    /** The flags and what they do, for a host application's own {@code --help}. */
    public static String usage() {
        return "  " + TOPIC_FLAG + " TOPIC      Kafka topic to ship this program's logs to; without it, logs are not shipped.\n"
                + "  " + PROGRAM_ID_FLAG + " ID        Identifies this program; messages are keyed <ID>_log.\n"
                + "  " + INTERVAL_FLAG + " SECS    Seconds between log messages, decimal, from 0.001 to 86400 (default: 60).\n"
                + "  " + CONFIG_FLAG + " FILE               INI file with [broker] and [log] sections.\n";
    }

    /** The topic flag's value, if given. */
    public Optional<String> topic() {
        return Optional.ofNullable(given.get(Settings.TOPIC)).map(String::strip);
    }

    /** The program id flag's value, if given. */
    public Optional<String> programId() {
        return Optional.ofNullable(given.get(Settings.PROGRAM_ID)).map(String::strip);
    }

    /** The interval flag's value in seconds, if given. */
    public Optional<Double> intervalSecs() {
        return Optional.ofNullable(given.get(Settings.INTERVAL_SECS)).map(Settings.INTERVAL_SECS::parse)
                .map(d -> d.toNanos() / 1e9);
    }

    /** The config file flag's value, if given. */
    public Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }

    /**
     * Whether shipping is on: a topic was given, as {@code --log_topic_name} or as {@code topic} in the
     * {@code [log]} section of the {@code --config} file (the flag wins). A topic in the file is never
     * silently ignored: OpenMSIStream has no such key, so whoever wrote it meant logshipper to ship there.
     *
     * @throws IllegalArgumentException naming the file and line when the file cannot be read
     */
    public boolean enabled() {
        return given.containsKey(Settings.TOPIC) || topicInFile().isPresent();
    }

    private Optional<String> topicInFile() {
        return configFile == null ? Optional.empty()
                : IniFile.load(configFile).section(IniConfig.LOG).flatMap(s -> s.get(Settings.TOPIC.iniKey()))
                        .map(String::strip).filter(t -> !t.isEmpty());
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
        given.forEach((setting, value) -> b.setText(setting, value, Origin.FLAG));
        return b;
    }

    /**
     * Starts shipping and attaches the shipper to the logging framework the application uses (Logback or Log4j2
     * when one of their appender modules is present and in use, otherwise {@code java.util.logging}), so every
     * record reaching the root logger at or above {@code log.level} is shipped. Without a topic (neither
     * {@code --log_topic_name} nor {@code [log] topic} in the file) it does nothing and says so once at debug
     * level.
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
        LogShipperConfig config;
        try {
            config = b.config();
        } catch (SettingException e) {
            if (e.origin().isEmpty() && e.setting().filter(s -> s == Settings.BOOTSTRAP_SERVERS).isPresent()) {
                // There is no flag for it: say where it goes.
                throw SettingException.of(Settings.BOOTSTRAP_SERVERS, "is required: set it in the [broker] or [log]"
                        + " section of the " + CONFIG_FLAG + " file", new Origin(FrontDoor.INI, null, 0));
            }
            throw e;
        }
        LoggingAttachment framework = Attachments.choose();
        LogShipper shipper = b.problemChannel(framework.problemChannel()).build();
        ShippingHandle handle = Attachments.attach(framework, shipper, config);
        Logger log = LoggerFactory.getLogger(LogShipperOptions.class);
        log.info("logshipper: shipping {} logs to topic '{}' keyed '{}' every {} s{}", handle.framework(),
                config.topic(), shipper.key(), Settings.INTERVAL_SECS.kind().format(config.interval()),
                given.containsKey(Settings.TOPIC) ? ""
                        : " (the topic from [log] in " + configFile + "; " + TOPIC_FLAG + " was not given)");
        log.debug("logshipper: effective settings (secrets hidden):\n{}", config.describe());
        return handle;
    }
}
