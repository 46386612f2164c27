package io.logshipper.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.apache.kafka.common.utils.AppInfoParser;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code logshipper} command: reads shipped logs ({@code tail}), lists topics ({@code topics}) and generates
 * load ({@code load}). Run it as {@code java -jar logshipper.jar <command> ...}.
 */
@Command(name = "logshipper",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Reads and generates logs shipped to Apache Kafka by logshipper.",
        subcommands = {TailCommand.class, AggregateCommand.class, TopicsCommand.class, LoadCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:tail: nothing arrived within --timeout-secs; load: entries dropped or undelivered",
            "2:usage error (bad option or config file)",
            "3:Kafka unreachable or refused the request"})
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Creates the top-level command; picocli fills in its options. */
    public Main() {
    }

    /**
     * Runs the tool and exits the JVM with the command's exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (args.length > 0 && "aggregate".equals(args[0])) {
            // Before anything slow: a service stopped while it starts still exits 0.
            Signals.early();
        }
        // Shipped logs are UTF-8; Java 17 would otherwise encode stdout in the locale's charset, often ASCII.
        String consoleEncoding = System.getProperty("sun.stdout.encoding");
        Charset charset = consoleEncoding != null && Charset.isSupported(consoleEncoding)
                ? Charset.forName(consoleEncoding) : StandardCharsets.UTF_8;
        CommandLine cli = new CommandLine(new Main())
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, charset), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, charset), true));
        System.exit(cli.execute(args));
    }

    /** Without a subcommand there is nothing to do: show what there is, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("logshipper: missing command (tail, aggregate, topics or load)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Reads the version from the jar manifest, so it never disagrees with the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "logshipper " + (v == null ? "(development build)" : v),
                "kafka-clients " + AppInfoParser.getVersion(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
        }
    }
}
