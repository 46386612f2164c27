package io.logshipper.cli;

/** The exit codes of every command, documented in {@code docs/cli.md}. */
final class ExitCodes {

    /** The command did what was asked. */
    static final int OK = 0;
    /** tail: the idle timeout passed before any message arrived; load: some entries were not delivered. */
    static final int INCOMPLETE = 1;
    /** A bad option or config file; picocli uses the same code for its own parse errors. */
    static final int USAGE = 2;
    /** Kafka could not be reached, or refused the request (authorization, bad security settings). */
    static final int KAFKA = 3;

    private ExitCodes() {
    }
}
