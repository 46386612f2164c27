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
 * {@code maxMessageBytes}. An entry that alone exceeds the limit is cut to fit, every cut field ending in a
 * visible marker ({@link EntryCutter}); entries that fit are written as they are, with no extra work.
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
        fit(entry, layoutLine);
    }

    /**
     * The slow path for an entry too large for a message: cut it to the capacity (see {@link EntryCutter}), and
     * again with less if the estimate missed; as a last resort every field is reduced to its marker. A text
     * entry is cut as a whole. A structured entry in text format has its fields cut as in JSON (the rendered
     * line holds the same strings, and no MDC or markers), so a huge thread name does not crowd out the message.
     */
    private void fit(Object entry, boolean layoutLine) {
        int measured = scratch.length;
        if (layoutLine) {
            entry = EntryWriter.withoutLineBreak((String) entry);
        } else if (entry instanceof LogEntry e && !writer.writesObjects()) {
            entry = e.toBuilder().mdc(null).markers(null).build();
        }
        long budget = emptyCapacity;
        for (int attempt = 0; attempt < 4 && budget > 0; attempt++) {
            encodeRaw(entry instanceof String s ? EntryCutter.cutText(s, budget)
                    : EntryCutter.cutEntry((LogEntry) entry, measured, budget), false);
            if (scratch.length <= emptyCapacity) {
                return;
            }
            budget -= scratch.length - emptyCapacity + 8;
        }
        encodeRaw(entry instanceof String s ? EntryCutter.cutToChars(s, 0) : EntryCutter.minimal((LogEntry) entry),
                false);
        if (scratch.length > emptyCapacity) {
            throw new IllegalStateException("an entry does not fit a message of " + maxMessageBytes
                    + " bytes even with every field cut");
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
}
