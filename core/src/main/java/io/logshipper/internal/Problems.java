package io.logshipper.internal;

import org.apache.kafka.common.errors.TimeoutException;

import io.logshipper.spi.SafeText;

/**
 * Short, secret-free descriptions of exceptions for reports. Safe with hostile exceptions (a {@code getMessage()}
 * that throws is shown as a placeholder) and bounded, so that an application's exception text can never make a
 * notice too large for a message.
 */
public final class Problems {

    /**
     * Added to a metadata timeout. Kafka's client says nothing else when it cannot talk to a listener at all, which
     * is what a PLAINTEXT client at an SSL listener (or a TLS client at a plain one) sees.
     */
    static final String NO_RESPONSE_HINT = "no Kafka response; is security.protocol right for this listener?";

    /** Added when the broker refuses an OAUTHBEARER token: Kafka says only {@code {"status":"invalid_token"}}. */
    static final String INVALID_TOKEN_HINT = "the broker refused the OAuth access token: expired, or not the"
            + " audience, issuer or signing key the broker expects";

    /** The longest description; longer ones are cut with an ellipsis. */
    static final int MAX_LENGTH = 1000;

    private Problems() {
    }

    /** The exception's type and message, and its cause's, without the stack trace. */
    public static String describe(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        String message = message(e);
        if (message != null) {
            sb.append(": ").append(message);
        }
        Throwable cause = telling(e, cause(e));
        if (cause != null && cause != e) {
            String causeMessage = withoutClassNames(message(cause));
            if (causeMessage != null) {
                sb.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(causeMessage).append(')');
            }
        }
        if (e instanceof org.apache.kafka.common.errors.SaslAuthenticationException && message != null
                && message.contains("invalid_token")) {
            sb.append(" (").append(INVALID_TOKEN_HINT).append(')');
        }
        if (isMetadataTimeout(e, message)) {
            sb.append(" (").append(NO_RESPONSE_HINT).append(')');
        }
        return sb.length() <= MAX_LENGTH ? sb.toString() : sb.substring(0, MAX_LENGTH - 1) + "…";
    }

    /**
     * The first cause that says something: past Kafka's wrappers that only say where it failed ("Failed to
     * construct kafka producer", "Failed to create new NetworkClient") and past {@code new X(cause)} wrappers whose
     * message is their cause's {@code toString()}. A login failure (OAuth token refused, URL not allowed) sits three
     * levels down in a producer's constructor.
     */
    private static Throwable telling(Throwable top, Throwable cause) {
        Throwable c = cause;
        for (int depth = 0; c != null && depth < 8; depth++) {
            Throwable next = cause(c);
            if (next == null || next == c || next == top) {
                return c;
            }
            String m = message(c);
            boolean generic = c.getClass() == org.apache.kafka.common.KafkaException.class && m != null
                    && m.startsWith("Failed to ");
            boolean echo = m != null && m.equals(next.toString());
            if (!generic && !echo) {
                return c;
            }
            c = next;
        }
        return c;
    }

    private static final java.util.regex.Pattern CLASS_NAME_PREFIX =
            java.util.regex.Pattern.compile("^(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

    /**
     * A message without the {@code java.io.IOException: } prefixes that wrapping by {@code new X(cause.toString())}
     * leaves (Kafka's OAuth login failures carry three).
     */
    private static String withoutClassNames(String message) {
        if (message == null) {
            return null;
        }
        String m = message;
        for (int i = 0; i < 8; i++) {
            java.util.regex.Matcher matcher = CLASS_NAME_PREFIX.matcher(m);
            if (!matcher.find()) {
                break;
            }
            m = m.substring(matcher.end());
        }
        return m;
    }

    private static boolean isMetadataTimeout(Throwable e, String message) {
        return e instanceof TimeoutException && message != null && message.contains("not present in metadata");
    }

    /**
     * Whether {@code e} comes from a thread interrupt: Kafka's {@code InterruptException}, or any exception with an
     * {@link InterruptedException} among its first few causes (the producer wraps it in a {@code KafkaException} in
     * places).
     */
    public static boolean isInterruption(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 8; depth++) {
            if (t instanceof InterruptedException || t instanceof org.apache.kafka.common.errors.InterruptException) {
                return true;
            }
            Throwable next = cause(t);
            t = next == t ? null : next;
        }
        return false;
    }

    /** Whether Kafka refused the credentials: an {@code AuthenticationException} among the first few causes. */
    public static boolean isAuthenticationFailure(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 8; depth++) {
            if (t instanceof org.apache.kafka.common.errors.AuthenticationException) {
                return true;
            }
            Throwable next = cause(t);
            t = next == t ? null : next;
        }
        return false;
    }

    private static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            return SafeText.placeholder("getMessage()", e);
        }
    }

    private static Throwable cause(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            return null;
        }
    }
}
