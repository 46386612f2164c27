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
        Capture c = new Capture(System.out, System.err);
        System.setOut(new PrintStream(new Tee(c.originalOut, c.copy), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(c.originalErr, c.copy), true, StandardCharsets.UTF_8));
        context.getStore(NAMESPACE).put(Capture.class, c);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Capture c = context.getStore(NAMESPACE).remove(Capture.class, Capture.class);
        System.out.flush();
        System.err.flush();
        System.setOut(c.originalOut);
        System.setErr(c.originalErr);
        String text;
        synchronized (c.copy) {
            text = c.copy.toString(StandardCharsets.UTF_8);
        }
        PrintedSecrets.assertNoneIn("the standard output and error of " + context.getDisplayName(), text);
    }

    private static final class Capture {
        final PrintStream originalOut;
        final PrintStream originalErr;
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Capture(PrintStream out, PrintStream err) {
            this.originalOut = out;
            this.originalErr = err;
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
