package io.logshipper.log4j2;

/**
 * One reused {@code StringBuilder} per thread for formatting on the logging thread, taken out while in use: a
 * message parameter's {@code toString} may log, and that event may reach another logshipper appender on the same
 * thread (Log4j2 stops only an appender calling itself), which then gets a builder of its own instead of emptying
 * the one being written.
 */
final class ThreadBuilder {

    private static final int INITIAL = 256;
    /** A builder grown past this by one large event is not kept for the thread's later events. */
    private static final int MAX_KEPT = 8 * 1024;
    private static final ThreadLocal<StringBuilder> KEPT = new ThreadLocal<>();

    private ThreadBuilder() {
    }

    /** An empty builder, the thread's kept one unless it is in use; hand it back with {@link #release}. */
    static StringBuilder take() {
        StringBuilder sb = KEPT.get();
        if (sb == null) {
            return new StringBuilder(INITIAL);
        }
        KEPT.set(null);
        sb.setLength(0);
        return sb;
    }

    /** Keeps {@code sb} for the thread's next {@link #take}, unless one event grew it large. */
    static void release(StringBuilder sb) {
        if (sb.capacity() <= MAX_KEPT) {
            KEPT.set(sb);
        }
    }
}
