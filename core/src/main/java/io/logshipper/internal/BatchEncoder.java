package io.logshipper.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import io.logshipper.spi.DeferredEntry;
import io.logshipper.EntryFormat;
import io.logshipper.LogEntry;
import io.logshipper.WireFormat;

/**
 * Encodes entries into message values {@code {"timestamp": <epoch seconds>, "messages": [...]}} of at most
 * {@code maxMessageBytes}. An entry that alone exceeds the limit is cut to fit, with a visible marker.
 * Used only by the shipper's thread.
 */
final class BatchEncoder {

    static final String TRUNCATION_MARKER = "... [truncated by logshipper: %d of %d characters kept]";

    /**
     * One generator writes every entry of a message into one reusable buffer: the shipper's thread allocates
     * nothing per entry but what rendering needs. Root values are written without a separator.
     */
    private final JsonFactory factory = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private final EntryWriter writer;
    private final int maxMessageBytes;
    private final EncodedMessage.Assembly assembly = new EncodedMessage.Assembly();
    private final Scratch scratch = new Scratch();
    private JsonGenerator generator;
    /** Bytes an entry may take in an otherwise empty message begun by the last {@link #begin}. */
    private int emptyCapacity;

    BatchEncoder(EntryFormat format, int maxMessageBytes) {
        this.writer = new EntryWriter(format);
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * A new, empty message stamped with {@code timestamp}. It is assembled in a buffer shared by all messages,
     * so the previous message must have been sealed ({@link EncodedMessage#value()}) before this is called.
     */
    EncodedMessage begin(Instant timestamp) {
        byte[] head = ("{\"" + WireFormat.TIMESTAMP_FIELD + "\":" + epochSeconds(timestamp) + ",\""
                + WireFormat.MESSAGES_FIELD + "\":[")
                .getBytes(StandardCharsets.US_ASCII);
        emptyCapacity = maxMessageBytes - head.length - EncodedMessage.TAIL.length;
        return new EncodedMessage(head, maxMessageBytes, assembly);
    }

    /** Epoch seconds with up to microsecond precision, e.g. {@code 1763866657.418}, never in exponent form. */
    static String epochSeconds(Instant t) {
        long micros = t.getNano() / 1000;
        StringBuilder sb = new StringBuilder(24).append(t.getEpochSecond()).append('.');
        String frac = String.valueOf(1_000_000 + micros).substring(1);
        int end = frac.length();
        while (end > 1 && frac.charAt(end - 1) == '0') {
            end--;
        }
        return sb.append(frac, 0, end).toString();
    }

    /**
     * Encodes one entry so that it fits a message begun by the last {@link #begin}, alone; afterwards
     * {@link #bytes()} and {@link #length()} hold it. A deferred entry is rendered here, without the one
     * trailing line break its layout may end with.
     */
    void encode(Object entry) {
        boolean layoutLine = false;
        if (entry instanceof DeferredEntry deferred) {
            entry = deferred.render();
            if (entry == null) {
                throw new IllegalStateException("a deferred entry rendered as null");
            }
            layoutLine = true;
        }
        encodeRaw(entry, layoutLine);
        if (scratch.length <= emptyCapacity) {
            return;
        }
        if (layoutLine) {
            entry = EntryWriter.withoutLineBreak((String) entry);
        }
        double keep = 1.0;
        do {
            keep *= 0.8 * maxMessageBytes / Math.max(scratch.length, 1);
            encodeRaw(truncated(entry, keep), false);
        } while (scratch.length > emptyCapacity && keep > 1e-6);
        if (scratch.length > emptyCapacity) {
            encodeRaw(truncated(entry, 0), false);
        }
    }

    /**
     * Lets go of buffers grown for large messages or entries. Called while a message waits to be sent again, so
     * that only the waiting message, which counts against the buffer's cap, holds that much heap.
     */
    void shrink() {
        assembly.shrink();
        if (scratch.bytes.length > Scratch.INITIAL) {
            scratch.bytes = new byte[Scratch.INITIAL];
        }
    }

    byte[] bytes() {
        return scratch.bytes;
    }

    int length() {
        return scratch.length;
    }

    private void encodeRaw(Object entry, boolean layoutLine) {
        scratch.length = 0;
        try {
            JsonGenerator g = generator();
            if (layoutLine) {
                writer.writeLayoutLine(g, (String) entry);
            } else {
                writer.write(g, entry);
            }
            g.flush();
        } catch (IOException e) {
            generator = null;
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            // The generator may be left inside an unfinished value; the next entry gets a fresh one.
            generator = null;
            throw e;
        }
    }

    private JsonGenerator generator() throws IOException {
        if (generator == null) {
            generator = factory.createGenerator(scratch);
        }
        return generator;
    }

    /** The bytes of one encoded entry; reused for every entry. */
    private static final class Scratch extends OutputStream {
        static final int INITIAL = 1024;
        byte[] bytes = new byte[INITIAL];
        int length;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, length, len);
            length += len;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
            }
        }
    }

    private static Object truncated(Object entry, double keep) {
        if (entry instanceof String) {
            return cut((String) entry, keep);
        }
        LogEntry e = (LogEntry) entry;
        LogEntry.Builder cutEntry = e.toBuilder().message(cut(e.message(), keep))
                .exception(e.exception() == null ? null : cut(e.exception(), keep));
        if (keep <= 0) {
            cutEntry.mdc(null).markers(null);
        }
        return cutEntry.build();
    }

    static String cut(String s, double keep) {
        int n = (int) Math.max(0, Math.min(s.length(), Math.floor(s.length() * keep)));
        if (n > 0 && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--;
        }
        return s.substring(0, n) + String.format(TRUNCATION_MARKER, n, s.length());
    }
}
