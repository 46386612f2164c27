package io.logshipper.benchmarks.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic corpus of realistic log lines: messages of mixed lengths from a set of templates with
 * parameters, loggers of a typical service, MDC on most lines and a stack trace on about 2 % of them. The same
 * seed gives the same lines, in the same order, on every run and every machine; the lines cycle with period
 * {@link #SIZE}.
 */
public final class Corpus {

    /** Lines generated before the corpus repeats. */
    public static final int SIZE = 10_000;
    /** The seed every benchmark uses. */
    public static final long SEED = 15;

    private static final String[] LOGGERS = {
        "com.example.orders.OrderService", "com.example.orders.OrderController", "com.example.payments.PaymentClient",
        "com.example.inventory.StockRepository", "com.example.auth.TokenFilter", "com.example.web.RequestLog",
        "org.springframework.web.servlet.DispatcherServlet", "com.zaxxer.hikari.pool.HikariPool",
        "com.example.cache.CacheLoader", "com.example.events.OutboxPublisher",
    };
    private static final String[] TEMPLATES = {
        "cache miss for key {}",
        "GET /api/orders/{} -> {} in {} ms",
        "POST /api/payments -> {} in {} ms (attempt {})",
        "user {} logged in from {}",
        "order {} accepted: {} items, total {} EUR, shipping to {}",
        "published {} events to topic {} (lag {} ms)",
        "HikariPool-1 - Pool stats (total={}, active={}, idle={}, waiting={})",
        "stock level for sku {} fell to {} (threshold {}), reorder scheduled",
        "slow query took {} ms: select o.id, o.customer_id, o.status, o.created_at, l.sku, l.quantity from orders o"
                + " join order_lines l on l.order_id = o.id where o.customer_id = ? and o.created_at > ? order by"
                + " o.created_at desc limit 50 [{}]",
        "token for client {} expires in {} s",
        "retrying call to {} after {} (attempt {} of 5)",
        "Completed initialization in {} ms",
        "request {} rejected: rate limit of {} per minute exceeded for tenant {}",
        "payment {} failed: provider answered {} '{}'",
    };
    private static final String[] WORDS = {"alpha", "berlin", "card_declined", "insufficient_funds", "eu-west-1",
        "10.0.3.17", "10.0.9.201", "orders.v1", "payments.v2", "timeout", "gateway", "lisbon", "osaka"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "WARN", "WARN", "ERROR"};

    private final Line[] lines;

    private Corpus(Line[] lines) {
        this.lines = lines;
    }

    /** The corpus for {@link #SEED}. */
    public static Corpus standard() {
        return generate(SEED);
    }

    /**
     * The burst test's lines, {@code burst t=<thread> n=<line>} from logger {@code io.example.Burst} at INFO,
     * no MDC, no stack trace: what the 10,000-thread burst of issue 15 logs.
     */
    public static Corpus burst() {
        Line[] out = new Line[SIZE];
        for (int i = 0; i < SIZE; i++) {
            out[i] = new Line("io.example.Burst", "INFO", "burst t={} n={}", new Object[] {i / 10, i % 10}, Map.of(),
                    null);
        }
        return new Corpus(out);
    }

    /** The corpus for a seed. */
    public static Corpus generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Throwable[] traces = {trace(r, 1), trace(r, 2), trace(r, 3), trace(r, 4)};
        Line[] out = new Line[SIZE];
        for (int i = 0; i < SIZE; i++) {
            int t = r.nextInt(TEMPLATES.length);
            String template = TEMPLATES[t];
            int params = count(template);
            Object[] args = new Object[params];
            for (int p = 0; p < params; p++) {
                args[p] = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(100_000);
                    case 1 -> WORDS[r.nextInt(WORDS.length)];
                    case 2 -> Long.toHexString(r.nextLong());
                    default -> r.nextInt(2_000);
                };
            }
            Map<String, String> mdc = new LinkedHashMap<>();
            if (r.nextInt(10) < 6) {
                mdc.put("requestId", Long.toHexString(r.nextLong()));
                mdc.put("tenant", "t" + r.nextInt(50));
            }
            Throwable thrown = r.nextInt(50) == 0 ? traces[r.nextInt(traces.length)] : null;
            if (thrown != null) {
                args = java.util.Arrays.copyOf(args, params + 1);
                args[params] = thrown;
            }
            out[i] = new Line(LOGGERS[r.nextInt(LOGGERS.length)], LEVELS[r.nextInt(LEVELS.length)], template, args,
                    mdc, thrown);
        }
        return new Corpus(out);
    }

    /** Line {@code i}, cycling. */
    public Line line(long i) {
        return lines[(int) (i % SIZE)];
    }

    /** Lines before the corpus repeats. */
    public int size() {
        return lines.length;
    }

    /** Share of lines with a stack trace. */
    public double traceShare() {
        int n = 0;
        for (Line l : lines) {
            n += l.thrown() == null ? 0 : 1;
        }
        return n / (double) SIZE;
    }

    private static int count(String template) {
        int n = 0;
        for (int i = template.indexOf("{}"); i >= 0; i = template.indexOf("{}", i + 2)) {
            n++;
        }
        return n;
    }

    /** A throwable with a cause and a realistic depth of frames, thrown from a few nested calls. */
    private static Throwable trace(SplittableRandom r, int kind) {
        try {
            descend(20 + r.nextInt(20), kind);
            throw new AssertionError();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void descend(int depth, int kind) {
        if (depth > 0) {
            descend(depth - 1, kind);
            return;
        }
        IllegalStateException cause = new IllegalStateException("connection reset by peer (pool " + kind + ")");
        throw new RuntimeException("could not complete request: downstream service unavailable", cause);
    }

    /** One line: logger, level, SLF4J-style template and its arguments (then the throwable, if any, as
     * SLF4J and Log4j2 take it), MDC, and an optional throwable. */
    public record Line(String logger, String level, String template, Object[] args, Map<String, String> mdc,
                       Throwable thrown) {

        /** The message with its arguments filled in, as SLF4J formats it. */
        public String message() {
            StringBuilder sb = new StringBuilder(template.length() + 32);
            int from = 0;
            for (Object arg : args) {
                int at = template.indexOf("{}", from);
                if (at < 0) {
                    break;
                }
                sb.append(template, from, at).append(arg);
                from = at + 2;
            }
            return sb.append(template, from, template.length()).toString();
        }


    }
}
