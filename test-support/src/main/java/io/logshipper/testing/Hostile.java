package io.logshipper.testing;

import java.util.Set;

/** Objects whose every textual part throws, as a buggy application's exceptions and arguments do. */
public final class Hostile {

    private Hostile() {
    }

    /** An exception whose {@code getMessage()}, {@code toString()} and {@code getStackTrace()} all throw. */
    public static RuntimeException exception() {
        return new HostileException(Set.of("getMessage", "toString", "getStackTrace"));
    }

    /** An exception whose named methods ({@code getMessage}, {@code toString}, {@code getStackTrace}) throw. */
    public static RuntimeException exceptionThrowingFrom(String... methods) {
        return new HostileException(Set.of(methods));
    }

    /** A log argument whose {@code toString()} throws. */
    public static Object argument() {
        return new HostileArgument();
    }

    /** Thrown by {@link #exception()}'s methods. */
    public static final class HostileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Set<String> broken;

        HostileException(Set<String> broken) {
            super("hostile message");
            this.broken = broken;
        }

        @Override
        public String getMessage() {
            check("getMessage");
            return super.getMessage();
        }

        @Override
        public String toString() {
            check("toString");
            return super.toString();
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            check("getStackTrace");
            return super.getStackTrace();
        }

        private void check(String method) {
            // Called from the constructor (fillInStackTrace) before the field is set.
            if (broken != null && broken.contains(method)) {
                throw new IllegalStateException(method + " is broken");
            }
        }
    }

    /** Thrown by {@link #argument()}'s {@code toString()}. */
    public static final class HostileArgument {
        @Override
        public String toString() {
            throw new UnsupportedOperationException("argument toString is broken");
        }
    }
}
