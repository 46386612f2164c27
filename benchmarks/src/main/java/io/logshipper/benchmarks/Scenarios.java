package io.logshipper.benchmarks;

import io.logshipper.benchmarks.shared.BrokerProcess;
import io.logshipper.benchmarks.shared.LogLoops;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The scenarios that JMH cannot bound or does not measure: each runs in a JVM of its own and prints one line
 * {@code RESULT {json}}.
 *
 * <pre>
 * outage   IMPL unreachable|stopped SECONDS THREADS JAR   scenario 2: per-call latency with the broker gone
 * e2e      IMPL BOOTSTRAP SECONDS THREADS                 scenario 3: entries delivered per second, bytes per entry
 * memory   IMPL SECONDS CAP_BYTES                         scenario 4: heap retained during an outage
 * createtopic BOOTSTRAP TOPIC / topicstats BOOTSTRAP TOPIC
 * </pre>
 */
public final class Scenarios {

    /** How long past the end of a run a call may still be blocked before the run is cut. */
    static final long BLOCK_BOUND_SECONDS = Long.getLong("bench.blockBoundSecs", 15);

    private Scenarios() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "outage":
                outage(args[1], args[2], Double.parseDouble(args[3]), Integer.parseInt(args[4]), args[5]);
                break;
            case "e2e":
                e2e(args[1], args[2], Double.parseDouble(args[3]), Integer.parseInt(args[4]));
                break;
            case "memory":
                memory(args[1], Double.parseDouble(args[2]), Long.parseLong(args[3]));
                break;
            case "createtopic":
                createTopic(args[1], args[2]);
                break;
            case "topicstats":
                System.out.println("RESULT " + topicStats(args[1], args[2]));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
        if (Boolean.getBoolean("bench.exit")) {
            System.exit(0); // lets a flight recording (-XX:StartFlightRecording) be written
        }
        Runtime.getRuntime().halt(0);
    }

    // ---------------------------------------------------------------- scenario 2

    static void outage(String impl, String variant, double seconds, int threads, String jar) throws Exception {
        BrokerProcess broker = null;
        String bootstrap = "127.0.0.1:1";
        if (variant.equals("stopped")) {
            broker = BrokerProcess.start(jar);
            bootstrap = broker.bootstrap();
            createTopic(bootstrap, "outage-" + impl);
        }
        Target target = Targets.create(impl, bootstrap, "outage-" + impl, 0);
        if (broker != null) {
            // Let the appender connect and deliver before the broker goes away.
            for (int i = 0; i < 1000; i++) {
                target.log(-i);
            }
            Thread.sleep(1500);
        }
        BrokerProcess toKill = broker;
        String result = LogLoops.timed(target::log, threads, seconds, toKill == null ? null : toKill::kill,
                BLOCK_BOUND_SECONDS);
        System.out.println("RESULT {\"kind\":\"outage\",\"impl\":\"" + impl + "\",\"variant\":\"" + variant
                + "\",\"threads\":" + threads + ",\"seconds\":" + seconds + "," + result + ",\"stats\":\""
                + target.stats() + "\"}");
        if (broker != null) {
            broker.close();
        }
    }

    // ---------------------------------------------------------------- scenario 3

    static void e2e(String impl, String bootstrap, double seconds, int threads) throws Exception {
        String topic = "e2e-" + impl + "-" + threads + "t-" + System.currentTimeMillis();
        createTopic(bootstrap, topic);
        Target target = Targets.create(impl, bootstrap, topic, 0);
        long start = System.nanoTime();
        long total = LogLoops.flatOut(target::log, threads, seconds);
        long loggedAt = System.nanoTime();
        String stats = target.stats();
        target.close();
        long closedAt = System.nanoTime();
        System.out.println("RESULT {\"kind\":\"e2e\",\"impl\":\"" + impl + "\",\"threads\":" + threads
                + ",\"seconds\":" + seconds + ",\"topic\":\"" + topic + "\",\"calls\":" + total
                + ",\"log_seconds\":" + (loggedAt - start) / 1e9 + ",\"elapsed_seconds\":" + (closedAt - start) / 1e9
                + ",\"stats\":\"" + stats + "\"}");
        System.out.println("RESULT " + topicStats(bootstrap, topic));
    }

    static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Records, entries (lines containing "app entry") and bytes the topic holds on the broker's disk. */
    static String topicStats(String bootstrap, String topic) throws Exception {
        long diskBytes = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            List<Integer> ids = nodes.stream().map(Node::id).collect(Collectors.toList());
            Map<Integer, Map<String, LogDirDescription>> dirs =
                    admin.describeLogDirs(ids).allDescriptions().get(30, TimeUnit.SECONDS);
            for (Map<String, LogDirDescription> byDir : dirs.values()) {
                for (LogDirDescription d : byDir.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> r : d.replicaInfos().entrySet()) {
                        if (r.getKey().topic().equals(topic)) {
                            diskBytes += r.getValue().size();
                        }
                    }
                }
            }
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // logshipper's records are up to 1 MB each once decompressed: keep what one poll holds small.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(2 << 20));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(4 << 20));
        long records = 0;
        long entries = 0;
        long payloadBytes = 0;
        JsonFactory json = new JsonFactory();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long endOffset = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (consumer.position(tp) < endOffset && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    byte[] v = r.value();
                    if (v == null) {
                        continue;
                    }
                    payloadBytes += v.length + (r.key() == null ? 0 : r.key().length);
                    entries += countEntries(json, v);
                }
            }
        }
        return "{\"kind\":\"topicstats\",\"topic\":\"" + topic + "\",\"records\":" + records + ",\"entries\":"
                + entries + ",\"disk_bytes\":" + diskBytes + ",\"payload_bytes\":" + payloadBytes + "}";
    }

    private static long countEntries(JsonFactory json, byte[] v) throws Exception {
        String s = new String(v, StandardCharsets.UTF_8);
        if (!s.startsWith("{\"timestamp\"")) {
            return s.contains("app entry ") ? 1 : 0;
        }
        long n = 0;
        try (JsonParser parser = json.createParser(v)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken t = parser.nextToken();
                if (name.equals("messages") && t == JsonToken.START_ARRAY) {
                    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (t == JsonToken.VALUE_STRING) {
                            if (parser.getText().contains("app entry ")) {
                                n++;
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- scenario 4

    static void memory(String impl, double seconds, long cap) throws Exception {
        Target target = Targets.create(impl, "127.0.0.1:1", "memory", cap);
        target.log(-1);
        Thread.sleep(1500);
        long before = usedAfterGc();
        String result = LogLoops.timed(target::log, 1, seconds, null, BLOCK_BOUND_SECONDS);
        long after = usedAfterGc();
        System.out.println("RESULT {\"kind\":\"memory\",\"impl\":\"" + impl + "\",\"seconds\":" + seconds
                + ",\"cap_bytes\":" + cap + ",\"heap_before\":" + before + ",\"heap_after\":" + after
                + ",\"retained_bytes\":" + (after - before) + "," + result + ",\"stats\":\"" + target.stats() + "\"}");
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
