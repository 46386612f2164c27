package io.logshipper.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import io.logshipper.DeferredEntry;
import io.logshipper.EntryFormat;
import io.logshipper.LogEntry;

/**
 * Encodes entries into message values {@code {"timestamp": <epoch seconds>, "messages": [...]}} of at most
 * {@code maxMessageBytes}. An entry that alone exceeds the limit is cut to fit, with a visible marker.
 * Used only by the shipper's thread.
 */
final class BatchEncoder {

    static final String TRUNCATION_MARKER = "... [truncated by logshipper: %d of %d characters kept]";

    private final JsonFactory factory = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private final EntryWriter writer;
    private final int maxMessageBytes;
    private final ByteArrayBuilder scratch = new ByteArrayBuilder(4096);
    private byte[] encoded = new byte[0];
    private int encodedLength;

    BatchEncoder(EntryFormat format, int maxMessageBytes) {
        this.writer = new EntryWriter(format);
        this.maxMessageBytes = maxMessageBytes;
    }

    /** A new, empty message stamped with {@code timestamp}. */
    EncodedMessage begin(Instant timestamp) {
        String head = "{\"timestamp\":" + epochSeconds(timestamp) + ",\"messages\":[";
        return new EncodedMessage(head.getBytes(StandardCharsets.US_ASCII), maxMessageBytes);
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
     * Encodes one entry so that it fits an empty message; afterwards {@link #bytes()} and {@link #length()} hold it.
     */
    void encode(Object entry, EncodedMessage empty) {
        if (entry instanceof DeferredEntry deferred) {
            entry = deferred.render();
            if (entry == null) {
                throw new IllegalStateException("a deferred entry rendered as null");
            }
        }
        encodeRaw(entry);
        if (empty.fits(encodedLength)) {
            return;
        }
        double keep = 1.0;
        do {
            keep *= 0.8 * maxMessageBytes / Math.max(encodedLength, 1);
            encodeRaw(truncated(entry, keep));
        } while (!empty.fits(encodedLength) && keep > 1e-6);
        if (!empty.fits(encodedLength)) {
            encodeRaw(truncated(entry, 0));
        }
    }

    byte[] bytes() {
        return encoded;
    }

    int length() {
        return encodedLength;
    }

    private void encodeRaw(Object entry) {
        scratch.reset();
        try (JsonGenerator g = factory.createGenerator(scratch)) {
            writer.write(g, entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        encodedLength = scratch.size();
        if (encoded.length < encodedLength) {
            encoded = new byte[Math.max(encodedLength, encoded.length * 2)];
        }
        System.arraycopy(scratch.toByteArray(), 0, encoded, 0, encodedLength);
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
