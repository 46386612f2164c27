package io.logshipper.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.logshipper.config.ConfigException;
import io.logshipper.config.IniConfig;
import io.logshipper.config.IniFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command uses to find Kafka: {@code --bootstrap-server} and {@code --config}. Flags override
 * the file. Problems are reported as usage errors naming the option.
 */
public final class BrokerOptions {

    private static final String BOOTSTRAP = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers to connect to; overrides bootstrap.servers from --config.")
    private String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "INI file with the connection: [broker] (security settings too), [consumer] for readers, "
                    + "[log] for load.")
    private Path config;

    /** Creates the options; picocli fills them in. */
    public BrokerOptions() {
    }

    /**
     * Kafka consumer settings: the file's {@code [broker]} and {@code [consumer]}, then the flags.
     *
     * @return mutable settings holding at least {@code bootstrap.servers}
     * @throws ParameterException when the file is invalid or no broker is named anywhere
     */
    public Map<String, Object> consumerSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (config != null) {
            try {
                settings.putAll(IniConfig.consumerSettings(iniFile()));
            } catch (ConfigException e) {
                throw invalidConfig(e);
            }
        }
        if (bootstrapServers != null) {
            settings.put(BOOTSTRAP, bootstrapServers);
        }
        if (blank(settings.get(BOOTSTRAP))) {
            throw new ParameterException(mixee.commandLine(), "Missing required option: '--bootstrap-server' "
                    + "(or bootstrap.servers in the [broker] section of a --config file)");
        }
        return settings;
    }

    /**
     * Admin client settings: the consumer settings an admin client understands, so that security settings
     * carry over while consumer-only ones (group.id...) do not.
     *
     * @return mutable settings holding at least {@code bootstrap.servers}
     */
    public Map<String, Object> adminSettings() {
        Set<String> known = AdminClientConfig.configNames();
        Map<String, Object> settings = consumerSettings();
        settings.keySet().retainAll(known);
        return settings;
    }

    /** The parsed {@code --config} file, or null without one. */
    IniFile iniFileOrNull() {
        return config == null ? null : iniFile();
    }

    /** The {@code --bootstrap-server} flag, or null. */
    String bootstrapServersFlag() {
        return bootstrapServers;
    }

    /** A usage error for an invalid config file; its message names file and line, never a value. */
    ParameterException invalidConfig(RuntimeException e) {
        return new ParameterException(mixee.commandLine(), "Invalid value for option '--config': "
                + lineOf(e.getMessage()) + e.getMessage());
    }

    /**
     * {@code app.ini:7: } when the Kafka client's complaint ({@code Invalid value x for configuration k: ...}) names
     * a key the file's {@code [broker]}, {@code [consumer]} or {@code [producer]} section sets, so the user is shown
     * the line, as for logshipper's own settings; else nothing.
     */
    private String lineOf(String message) {
        if (config == null || message == null) {
            return "";
        }
        IniFile file;
        try {
            file = IniFile.load(config);
        } catch (RuntimeException e) {
            return "";
        }
        if (message.startsWith(file.source() + ":")) {
            return "";
        }
        for (String name : List.of("consumer", "producer", "broker")) {
            var section = file.section(name);
            if (section.isEmpty()) {
                continue;
            }
            for (String key : section.get().values().keySet()) {
                String named = "for configuration " + key;
                int at = message.indexOf(named);
                int after = at + named.length();
                if (at >= 0 && (after == message.length() || message.charAt(after) == ':')) {
                    int line = section.get().lineOf(key);
                    return file.source() + (line > 0 ? ":" + line : "") + ": ";
                }
            }
        }
        return "";
    }

    /** The broker list for messages to the user. */
    static String describe(Map<String, Object> settings) {
        return String.valueOf(settings.get(BOOTSTRAP));
    }

    private IniFile iniFile() {
        try {
            return IniFile.load(config);
        } catch (ConfigException e) {
            throw invalidConfig(e);
        }
    }

    private static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
