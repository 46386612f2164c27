package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;
import io.logshipper.testing.ShippedRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class LogShipperOptionsTest {

    @Test
    void fromArgsTakesTheLogFlagsOutAndLeavesTheRestInOrder() {
        LogShipperOptions o = LogShipperOptions.fromArgs("--config", "app.ini", "--log_topic_name", "logs",
                "input.csv", "--log_program_id=demo", "--verbose", "--log_interval_secs", "2.5", "--", "tail");

        assertThat(o.topic()).contains("logs");
        assertThat(o.programId()).contains("demo");
        assertThat(o.intervalSecs()).contains(2.5);
        assertThat(o.configFile()).contains(Path.of("app.ini"));
        assertThat(o.remainingArgs()).containsExactly("--config", "app.ini", "input.csv", "--verbose", "--", "tail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "nan", "NaN", "inf", "Infinity", "abc", "", "1e-300", "0x1p3", "5f", "1_000"})
    void fromArgsRejectsIntervalsThatAreNotPlainDecimalsInRange(String value) {
        assertThatThrownBy(() -> LogShipperOptions.fromArgs("--log_interval_secs=" + value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--log_interval_secs must be a decimal number of seconds from 0.001 to 86400, not '"
                        + value + "'");
    }

    @Test
    void fromArgsNamesAFlagWithoutItsValue() {
        assertThatThrownBy(() -> LogShipperOptions.fromArgs("--log_topic_name"))
                .hasMessage("--log_topic_name needs a value");
        assertThatThrownBy(() -> LogShipperOptions.fromArgs("--log_topic_name", "--log_program_id", "demo"))
                .hasMessage("--log_topic_name needs a value");
    }

    @Test
    void startSaysWhereTheBootstrapServersGoWhenNoneIsGiven() {
        assertThatThrownBy(() -> LogShipperOptions.fromArgs("--log_topic_name", "logs").start())
                .hasMessage("bootstrap.servers is required: set it in the [broker] or [log] section of the --config"
                        + " file");
    }

    @Test
    void fromArgsRefusesAFlagGivenTwice() {
        assertThatThrownBy(() -> LogShipperOptions.fromArgs("--log_topic_name", "a", "--log_topic_name=b"))
                .hasMessage("--log_topic_name is given twice");
        assertThatThrownBy(() -> LogShipperOptions.fromArgs("--config", "a.ini", "--config", "b.ini"))
                .hasMessage("--config is given twice");
    }

    @Test
    void fromArgsWorksWithoutPicocliOnTheClasspath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("picocli")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("picocli.CommandLine")).isInstanceOf(ClassNotFoundException.class);
            Class<?> options = loader.loadClass(LogShipperOptions.class.getName());
            Method fromArgs = options.getMethod("fromArgs", String[].class);
            Object o = fromArgs.invoke(null, (Object) new String[] {"--log_topic_name", "t", "--log_interval_secs", "3", "x"});
            assertThat((String[]) options.getMethod("remainingArgs").invoke(o)).containsExactly("x");
        }
    }

    @Command(name = "host-app", mixinStandardHelpOptions = true)
    static class HostCommand {
        @Mixin
        LogShipperOptions logging;

        @Parameters
        List<String> files = new ArrayList<>();
    }

    @Test
    void worksAsAPicocliMixinAndListsTheFlagsInHelp() {
        HostCommand host = new HostCommand();
        new CommandLine(host).parseArgs("--log_topic_name", "logs", "--log_interval_secs", "0.5", "a.csv");

        assertThat(host.logging.topic()).contains("logs");
        assertThat(host.logging.intervalSecs()).contains(0.5);
        assertThat(host.files).containsExactly("a.csv");
        String usage = new CommandLine(new HostCommand()).getUsageMessage();
        assertThat(usage).contains("--log_topic_name", "--log_program_id", "--log_interval_secs", "--config");
    }

    @Test
    void picocliRejectsABadIntervalNamingTheFlag() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new HostCommand()).setErr(new PrintWriter(err))
                .execute("--log_topic_name", "logs", "--log_interval_secs", "-1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--log_interval_secs must be a decimal number of seconds from 0.001 to 86400, not '-1'");
    }

    @Test
    void startDoesNothingWithoutATopic() {
        try (ShippingHandle handle = LogShipperOptions.fromArgs("--log_program_id", "x").start()) {
            assertThat(handle.shipper()).isEmpty();
            assertThat(handle.framework()).isEqualTo("none");
        }
    }

    @Test
    void aHostAppStartedWithTheThreeFlagsShipsItsJulLogs(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String topic = KafkaBroker.uniqueTopic("host");
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[broker]\nbootstrap.servers = " + broker.bootstrapServers() + "\n");
        LogShipperOptions options = LogShipperOptions.fromArgs("--config", ini.toString(), "--log_topic_name", topic,
                "--log_program_id", "demo", "--log_interval_secs", "0.2", "other-arg");
        assertThat(options.remainingArgs()).containsExactly("--config", ini.toString(), "other-arg");

        try (ShippingHandle handle = options.start()) {
            assertThat(handle.framework()).isEqualTo("java.util.logging");
            Logger.getLogger("com.example.Host").info("hello from the host app");
            Logger.getLogger("com.example.Host").log(java.util.logging.Level.WARNING, "with a stack trace",
                    new IllegalStateException("boom"));
            assertThat(handle.close(Duration.ofSeconds(20))).isZero();
        }

        List<ShippedRecord> records = broker.readAll(topic);
        assertThat(records).extracting(ShippedRecord::key).containsOnly("demo_log");
        List<String> texts = Shipped.texts(broker, topic);
        assertThat(texts).contains("hello from the host app");
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("with a stack trace\njava.lang.IllegalStateException: boom"));
    }

    @Test
    void flagsOverrideTheFileAndFileErrorsNameTheLine(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[broker]\nbootstrap.servers = b:9092\n[log]\ntopic = from-file\ninterval.secs = 9\n");
        LogShipperConfig c = LogShipperOptions.fromArgs("--config", ini.toString(), "--log_topic_name", "from-flag")
                .builder().config();
        assertThat(c.topic()).isEqualTo("from-flag");
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(9));

        Files.writeString(ini, "[broker]\nbootstrap.servers = b:9092\nlinger.msec = 5\n");
        assertThatThrownBy(() -> LogShipperOptions.fromArgs("--config", ini.toString(), "--log_topic_name", "t").start())
                .hasMessage(ini + ":3: unknown Kafka producer setting 'linger.msec' (did you mean 'linger.ms'?)");
    }

    @Test
    void aTopicInTheLogSectionTurnsShippingOnWithoutTheFlag(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[broker]\nbootstrap.servers = b:9092\n[log]\ntopic = from-file\n");
        LogShipperOptions options = LogShipperOptions.fromArgs("--config", ini.toString());
        assertThat(options.enabled()).isTrue();
        assertThat(options.topic()).isEmpty();
        assertThat(options.builder().config().topic()).isEqualTo("from-file");

        Files.writeString(ini, "[broker]\nbootstrap.servers = b:9092\n[log]\ninterval.secs = 9\n");
        assertThat(LogShipperOptions.fromArgs("--config", ini.toString()).enabled()).isFalse();
        assertThat(LogShipperOptions.fromArgs().enabled()).isFalse();
    }
}
