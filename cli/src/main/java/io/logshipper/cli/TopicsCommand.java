package io.logshipper.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code logshipper topics}: lists topics with their partition counts and marks those holding logshipper
 * messages, judged by the last record of each partition.
 */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Lists topics with partition counts, marking those that hold logshipper messages.",
            "A topic is marked when the last record of one of its partitions is keyed <program>_log and holds "
                    + "a {\"timestamp\", \"messages\"} value. Internal topics (__*) are left out."})
public final class TopicsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BrokerOptions broker;

    @Option(names = "--logshipper-only", description = "List only topics that hold logshipper messages.")
    private boolean logshipperOnly;

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "15", converter = Converters.PositiveDecimal.class,
            description = "How long to wait for Kafka (default ${DEFAULT-VALUE}).")
    private double timeoutSecs;

    /** Creates the command; picocli fills in its options. */
    public TopicsCommand() {
    }

    @Override
    public Integer call() {
        Map<String, Object> adminSettings = broker.adminSettings();
        Map<String, Object> consumerSettings = broker.consumerSettings();
        String where = BrokerOptions.describe(adminSettings);
        PrintWriter err = spec.commandLine().getErr();
        Duration timeout = Duration.ofMillis((long) (timeoutSecs * 1000));
        Map<String, TopicDescription> topics;
        try (Admin admin = Admin.create(adminSettings)) {
            topics = describe(admin, timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            err.println("logshipper topics: cannot reach Kafka at " + where);
            return ExitCodes.KAFKA;
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                err.println("logshipper topics: cannot reach Kafka at " + where);
            } else {
                err.println("logshipper topics: Kafka at " + where + " failed: " + cause.getMessage());
            }
            return ExitCodes.KAFKA;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.KAFKA;
        }
        Map<String, List<String>> programs;
        try {
            programs = new TopicSampler(consumerSettings).programsByTopic(topics.values(), timeout);
        } catch (KafkaException e) {
            err.println("logshipper topics: could not read the topics' last records: " + e.getMessage());
            return ExitCodes.KAFKA;
        }
        print(topics, programs);
        return ExitCodes.OK;
    }

    private static Map<String, TopicDescription> describe(Admin admin, Duration timeout)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        List<String> names = new ArrayList<>();
        for (String name : admin.listTopics(new ListTopicsOptions().listInternal(false).timeoutMs(timeoutMs))
                .names().get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            if (!name.startsWith("__")) {
                names.add(name);
            }
        }
        return new TreeMap<>(admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void print(Map<String, TopicDescription> topics, Map<String, List<String>> programs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TOPIC", "PARTITIONS", "LOGSHIPPER", "PROGRAMS"});
        for (TopicDescription topic : topics.values()) {
            List<String> seen = programs.getOrDefault(topic.name(), List.of());
            if (logshipperOnly && seen.isEmpty()) {
                continue;
            }
            rows.add(new String[] {topic.name(), String.valueOf(topic.partitions().size()),
                seen.isEmpty() ? "no" : "yes", EntryFormatter.inline(String.join(",", seen))});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.append(row[3]).toString().stripTrailing());
        }
        out.flush();
    }
}
