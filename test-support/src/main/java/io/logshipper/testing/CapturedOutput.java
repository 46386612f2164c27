package io.logshipper.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Copies everything a test class writes to {@code System.out} and {@code System.err} (its own prints, the shipper's
 * problem reports, the Kafka client's and broker's console logging) into memory while still passing it on, and
 * after the last test fails the class if any {@link PrintedSecrets secret} was among it. Use with
 * {@code @ExtendWith(CapturedOutput.class)} on every security test class. Output a test captures for itself with
 * {@code System.setErr} bypasses this; such a test checks its text with {@link PrintedSecrets#assertNoneIn}.
 */
public final class CapturedOutput implements BeforeAllCallback, AfterAllCallback {

    /** Beyond this the copy stops growing (the secrets would have shown by then). */
    private static final int MAX_BYTES = 32 * 1024 * 1024;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CapturedOutput.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(Recording.class, record());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        context.getStore(NAMESPACE).remove(Recording.class, Recording.class)
                .stopAndCheck("the standard output and error of " + context.getDisplayName());
    }

    /** Starts copying {@code System.out} and {@code System.err}; stop in reverse order of starting. */
    public static Recording record() {
        return new Recording(System.out, System.err);
    }

    /** A copy of the standard output and error being made. */
    public static final class Recording {
        private final PrintStream originalOut;
        private final PrintStream originalErr;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        private Recording(PrintStream out, PrintStream err) {
            this.originalOut = out;
            this.originalErr = err;
            System.setOut(new PrintStream(new Tee(out, copy), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(err, copy), true, StandardCharsets.UTF_8));
        }

        /** Puts the original streams back and returns everything copied. */
        public String stop() {
            System.out.flush();
            System.err.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
            synchronized (copy) {
                return copy.toString(StandardCharsets.UTF_8);
            }
        }

        /** {@link #stop()}, then fails if any registered secret was printed. */
        public void stopAndCheck(String where) {
            PrintedSecrets.assertNoneIn(where, stop());
        }
    }

    private static final class Tee extends OutputStream {
        private final PrintStream original;
        private final ByteArrayOutputStream copy;

        Tee(PrintStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                if (copy.size() + len <= MAX_BYTES) {
                    copy.write(b, off, len);
                }
            }
            synchronized (this) {
                original.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
