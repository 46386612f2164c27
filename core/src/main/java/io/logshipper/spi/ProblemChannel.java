package io.logshipper.spi;

/**
 * Where a shipper says what goes wrong with it (Kafka cannot be reached, a message refused, authentication
 * failed, entries dropped) when no message can carry the news. The logging frameworks' adapters install their
 * framework's own status channel (Logback's StatusManager, Log4j2's StatusLogger), so that nothing logshipper says
 * bypasses the application's log format; a bare {@link io.logshipper.LogShipper} built without a framework says it
 * on {@linkplain #standardError() standard error}.
 *
 * <p>The shipper calls {@link #warn} at most once a minute, from its own thread or from the Kafka producer's I/O
 * thread. An implementation must return quickly and must not log through the application's logging (that would
 * ship the problem into the shipper that has it); a channel that throws is ignored for that problem.
 */
@FunctionalInterface
public interface ProblemChannel {

    /**
     * Says one problem.
     *
     * @param programId the shipper's program id
     * @param problem   one sentence, without secrets, ending with how many entries were dropped or not delivered
     *                  so far when there were any
     */
    void warn(String programId, String problem);

    /** The channel of a shipper without a logging framework: one line {@code logshipper [<programId>]: ...}. */
    static ProblemChannel standardError() {
        return (programId, problem) -> System.err.println("logshipper [" + programId + "]: " + problem);
    }
}
