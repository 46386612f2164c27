package io.logshipper.internal;

/** Short, secret-free descriptions of exceptions for reports. */
public final class Problems {

    private Problems() {
    }

    /** The exception's type and message, and its cause's, without the stack trace. */
    public static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null) {
            sb.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return sb.toString();
    }
}
