package io.logshipper.benchmarks.corpus;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A throwable's {@code printStackTrace} text, without its last line break. */
final class StackTraces {

    private StackTraces() {
    }

    static String text(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
