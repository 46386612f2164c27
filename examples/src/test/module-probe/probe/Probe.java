package probe;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import io.logshipper.LogShipper;
import io.logshipper.LogShipperOptions;
import io.logshipper.ShippingHandle;
import io.logshipper.spi.LoggingAttachment;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Uses logshipper the way a modular application would, and exits non-zero naming the first thing the module
 * descriptors get in the way of. Arguments: an INI file with an unreachable broker, a Log4j2 XML configuration.
 */
public final class Probe {

    private static final String LOGBACK_XML = """
            <configuration>
              <appender name="KAFKA" class="io.logshipper.logback.KafkaLogAppender">
                <bootstrapServers>127.0.0.1:1</bootstrapServers>
                <topic>logs</topic>
                <closeTimeoutSecs>1</closeTimeoutSecs>
              </appender>
              <root level="INFO"><appender-ref ref="KAFKA"/></root>
            </configuration>
            """;

    /** The host command: logshipper's flags mixed in, as LogShipperOptions documents. */
    @CommandLine.Command(name = "probe")
    static final class App {
        @CommandLine.Mixin
        LogShipperOptions shipping;
    }

    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        Module core = LogShipper.class.getModule();
        check("io.logshipper".equals(core.getName()), "core runs as the named module io.logshipper: " + core);
        check(!core.isExported("io.logshipper.internal") && !core.isOpen("io.logshipper.internal", Probe.class.getModule()),
                "io.logshipper.internal is neither exported nor open to applications");

        Set<String> providers = ServiceLoader.load(LoggingAttachment.class).stream()
                .map(p -> p.type().getName()).collect(Collectors.toSet());
        check(providers.equals(Set.of("io.logshipper.logback.LogbackAttachment", "io.logshipper.log4j2.Log4j2Attachment")),
                "both appender modules provide LoggingAttachment: " + providers);

        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        logback.reset();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(logback);
        joran.doConfigure(new ByteArrayInputStream(LOGBACK_XML.getBytes(StandardCharsets.UTF_8)));
        Appender<?> kafka = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("KAFKA");
        List<Status> errors = logback.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR).collect(Collectors.toList());
        check(kafka instanceof io.logshipper.logback.KafkaLogAppender && kafka.isStarted() && errors.isEmpty(),
                "Joran instantiates, configures and starts the Logback appender: " + kafka + " " + errors);

        org.apache.logging.log4j.core.LoggerContext log4j = Configurator.initialize("probe", null, Path.of(args[1]).toUri());
        org.apache.logging.log4j.core.Appender kafkaLog = log4j.getConfiguration().getAppender("KAFKA");
        check(kafkaLog instanceof io.logshipper.log4j2.KafkaLogAppender && kafkaLog.isStarted(),
                "Log4j2 finds the KafkaLog plugin, fills its builder and starts it: " + kafkaLog);
        Configurator.shutdown(log4j);

        App app = new App();
        new CommandLine(app).parseArgs("--log_topic_name", "logs", "--log_interval_secs", "2.5", "--config", args[0]);
        check(app.shipping.intervalSecs().orElse(0.0) == 2.5, "picocli fills LogShipperOptions through its @Option setters");

        ShippingHandle handle = app.shipping.start();
        check("logback".equals(handle.framework()), "core's ServiceLoader finds the Logback attachment: " + handle.framework());
        handle.close(Duration.ofSeconds(1));
        logback.stop();

        System.out.println("probe: all checks passed");
        // The unreachable broker's producer threads are not worth waiting for.
        System.exit(0);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("probe failed: " + what);
        }
        System.out.println("probe: " + what);
    }
}
