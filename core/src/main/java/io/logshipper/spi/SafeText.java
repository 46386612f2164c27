package io.logshipper.spi;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.logshipper.LogEntry;
import io.logshipper.internal.EntryWriter;

/**
 * Text of an application's objects that must not cost the entry when they throw: an exception whose
 * {@code getMessage()}, {@code toString()} or {@code getStackTrace()} throws is still written, with a placeholder
 * such as {@code [logshipper: getMessage() threw java.lang.IllegalStateException]} for each part that failed.
 */
public final class SafeText {

    /** Causes and suppressed exceptions nested deeper than this are left out: a hostile chain may not end. */
    private static final int MAX_DEPTH = 64;

    private SafeText() {
    }

    /** {@code [logshipper: <what> threw <failure's class>]}; only the failure's class is read. */
    public static String placeholder(String what, Throwable failure) {
        return "[logshipper: " + what + " threw " + failure.getClass().getName() + "]";
    }

    /** {@code String.valueOf(value)}, or a placeholder when its {@code toString()} throws. */
    public static String valueOf(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return placeholder("toString()", e);
        }
    }

    /**
     * The trace as {@code printStackTrace} writes it, causes and suppressed exceptions included, without its
     * last line break; null for null. When that throws, the trace is written part by part, each part that throws
     * replaced by its placeholder.
     */
    public static String stackTrace(Throwable thrown) {
        if (thrown == null) {
            return null;
        }
        StringWriter out = new StringWriter(1024);
        try (PrintWriter writer = new PrintWriter(out)) {
            thrown.printStackTrace(writer);
        } catch (RuntimeException e) {
            StringBuilder sb = new StringBuilder(1024);
            append(sb, thrown, "", "", Collections.newSetFromMap(new IdentityHashMap<>()), 0);
            return sb.toString();
        }
        String s = out.toString();
        return s.endsWith(System.lineSeparator()) ? s.substring(0, s.length() - System.lineSeparator().length()) : s;
    }

    /**
     * The entry as the core writes a structured entry in text format: {@code time level [thread] logger -
     * message}, then the stack trace. For adapters whose layout failed.
     */
    public static String render(LogEntry entry) {
        return EntryWriter.render(entry);
    }

    private static void append(StringBuilder sb, Throwable t, String caption, String indent, Set<Throwable> seen,
            int depth) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(indent).append(caption);
        if (!seen.add(t)) {
            sb.append("[CIRCULAR REFERENCE: ").append(header(t)).append(']');
            return;
        }
        sb.append(header(t));
        try {
            for (StackTraceElement frame : t.getStackTrace()) {
                sb.append('\n').append(indent).append("\tat ").append(frame);
            }
        } catch (RuntimeException e) {
            sb.append('\n').append(indent).append('\t').append(placeholder("getStackTrace()", e));
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        try {
            for (Throwable s : t.getSuppressed()) {
                append(sb, s, "Suppressed: ", indent + "\t", seen, depth + 1);
            }
        } catch (RuntimeException e) {
            sb.append('\n').append(indent).append('\t').append(placeholder("getSuppressed()", e));
        }
        Throwable cause;
        try {
            cause = t.getCause();
        } catch (RuntimeException e) {
            sb.append('\n').append(indent).append(placeholder("getCause()", e));
            return;
        }
        if (cause != null) {
            append(sb, cause, "Caused by: ", indent, seen, depth + 1);
        }
    }

    /** What {@code toString()} gives, else the class name and the message or placeholders for both. */
    private static String header(Throwable t) {
        try {
            return t.toString();
        } catch (RuntimeException e) {
            String message;
            try {
                message = t.getLocalizedMessage();
            } catch (RuntimeException m) {
                message = placeholder("getMessage()", m);
            }
            String name = t.getClass().getName() + " " + placeholder("toString()", e);
            return message == null ? name : name + ": " + message;
        }
    }
}
