package io.logshipper.benchmarks;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/**
 * Bytes and CPU per entry of each Kafka compression codec on the values logshipper sends: one JSON envelope
 * {@code {"timestamp":…,"messages":[…]}} per interval, holding every entry of that interval, compressed by
 * Kafka's own codec classes exactly as the producer does. Entries are made-up but realistic log lines (levels,
 * loggers, threads, ids, numbers, now and then a stack trace), from a fixed seed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.logshipper.benchmarks.CompressionScenario [codec...]}; prints one
 * {@code RESULT} line per codec and batch size. Run one codec per JVM to see whether it loads native code
 * (JDK 24+ prints a restricted-method WARNING the first time native code is loaded).
 */
public final class CompressionScenario {

    private static final int[] ENTRIES_PER_MESSAGE = {10, 100, 1000, 5000};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    private static final String[] LOGGERS = {"com.example.orders.OrderService", "com.example.http.RequestLog",
        "org.hibernate.SQL", "com.example.payments.StripeClient", "org.springframework.web.servlet.DispatcherServlet",
        "com.example.inventory.StockLevels"};
    private static final String[] MESSAGES = {"order %d placed by customer %d, total %d.%02d EUR",
        "GET /api/orders/%d 200 %d ms", "select o.id, o.state from orders o where o.customer_id=%d and o.id>%d",
        "payment intent pi_%d%d confirmed", "stock for sku-%d is low: %d left", "cache miss for key user:%d:%d",
        "retrying call to inventory service (attempt %d of %d)"};

    private CompressionScenario() {
    }

    public static void main(String[] args) throws Exception {
        List<CompressionType> codecs = new ArrayList<>();
        for (String a : args.length == 0 ? new String[] {"none", "gzip", "lz4", "zstd", "snappy"} : args) {
            codecs.add(CompressionType.forName(a));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (CompressionType codec : codecs) {
            for (int n : ENTRIES_PER_MESSAGE) {
                byte[] value = envelope(n, new Random(42));
                int rounds = Math.max(3, 2_000_000 / value.length);
                int compressed = 0;
                for (int i = 0; i < rounds; i++) {        // warm-up, same amount
                    compressed = compress(codec, value);
                }
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < rounds; i++) {
                    compressed = compress(codec, value);
                }
                long cpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
                System.out.printf(Locale.ROOT,
                        "RESULT codec=%s entries=%d raw_bytes_per_entry=%.1f bytes_per_entry=%.1f ratio=%.1f"
                                + " cpu_ns_per_entry=%.0f%n",
                        codec.name, n, (double) value.length / n, (double) compressed / n,
                        (double) value.length / compressed, (double) cpuNanos / rounds / n);
            }
        }
    }

    private static int compress(CompressionType codec, byte[] value) throws Exception {
        ByteBufferOutputStream buffer = new ByteBufferOutputStream(ByteBuffer.allocate(value.length + 1024));
        try (OutputStream out = Compression.of(codec).build().wrapForOutput(buffer, RecordBatch.CURRENT_MAGIC_VALUE)) {
            out.write(value);
        }
        return buffer.position();
    }

    /** One logshipper message value with {@code n} text entries, as the default entry format writes them. */
    static byte[] envelope(int n, Random r) {
        StringBuilder sb = new StringBuilder("{\"timestamp\": 1795600800.123, \"messages\": [");
        long millis = 1_795_600_740_000L;
        for (int i = 0; i < n; i++) {
            millis += r.nextInt(120);
            String msg = String.format(Locale.ROOT, MESSAGES[r.nextInt(MESSAGES.length)], r.nextInt(100_000),
                    r.nextInt(10_000), r.nextInt(500), r.nextInt(100));
            String entry = java.time.Instant.ofEpochMilli(millis) + " " + LEVELS[r.nextInt(LEVELS.length)] + " [http-nio-"
                    + (8080 + r.nextInt(4)) + "-exec-" + r.nextInt(20) + "] " + LOGGERS[r.nextInt(LOGGERS.length)]
                    + " - " + msg;
            if (r.nextInt(50) == 0) {
                entry += "\\njava.lang.IllegalStateException: inventory service unavailable\\n"
                        + "\\tat com.example.inventory.Client.call(Client.java:" + (40 + r.nextInt(60)) + ")\\n"
                        + "\\tat com.example.orders.OrderService.place(OrderService.java:112)\\n"
                        + "\\tat jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)";
            }
            sb.append(i == 0 ? "" : ", ").append('"').append(entry).append('"');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
