package io.logshipper.cli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The aggregator's shortcut through an envelope: logshipper writes {@code messages} last, so an array of plain
 * printable-ASCII strings followed by the object's closing brace is read here, byte by byte and eight bytes at a
 * time, instead of by the parser. Each string's bytes are then exactly the entry's text. Anything else makes it
 * give up (null, -1), and {@link Envelope} lets the parser read the value.
 */
final class PlainArray {

    private PlainArray() {
    }

    /**
     * The entries of the array opening at {@code open}, when it holds only plain strings ({@link #stringEnd})
     * and nothing but the object's closing brace (and whitespace) follows it; null otherwise, and the parser reads
     * it instead. Everything before the array was read by the parser.
     */
    static EnvelopeEntries atEnd(byte[] v, int open) {
        if (open < 0 || open >= v.length || v[open] != '[') {
            return null;
        }
        EnvelopeEntries out = new EnvelopeEntries(128);
        int i = skipSpace(v, open + 1);
        if (i < v.length && v[i] == ']') {
            return closesObject(v, i + 1) ? out : null;
        }
        while (true) {
            if (i >= v.length || v[i] != '"') {
                return null;
            }
            int end = stringEnd(v, i + 1);
            if (end < 0) {
                return null;
            }
            out.add(null, i + 1, end);
            i = skipSpace(v, end + 1);
            if (i >= v.length) {
                return null;
            }
            if (v[i] == ']') {
                return closesObject(v, i + 1) ? out : null;
            }
            if (v[i] != ',') {
                return null;
            }
            i = skipSpace(v, i + 1);
        }
    }

    /** Whether only whitespace, one closing brace and whitespace remain from {@code i}. */
    private static boolean closesObject(byte[] v, int i) {
        i = skipSpace(v, i);
        if (i >= v.length || v[i] != '}') {
            return false;
        }
        return skipSpace(v, i + 1) == v.length;
    }

    /** JSON's whitespace: space, tab, line feed, carriage return. */
    private static int skipSpace(byte[] v, int i) {
        while (i < v.length && (v[i] == ' ' || v[i] == '\n' || v[i] == '\r' || v[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Where the JSON string starting at {@code from} (after its opening quote) ends, when everything up to its
     * closing quote is printable ASCII (0x20 to 0x7e) other than a backslash; -1 otherwise. Eight bytes at a
     * time while none is a quote, a backslash, a control or non-ASCII.
     */
    static int stringEnd(byte[] v, int from) {
        int i = from;
        for (; i + 8 <= v.length; i += 8) {
            long w = (long) LONGS.get(v, i);
            // A high bit in any byte of these: below 0x20, 0x7f or above, a quote, a backslash. (A borrow or carry
            // between bytes only ever follows a byte that is itself a hit, which the exact loop below then sees.)
            long special = w | (w - 0x2020202020202020L) | (w + 0x0101010101010101L)
                    | ((w ^ 0x2222222222222222L) - 0x0101010101010101L)
                    | ((w ^ 0x5c5c5c5c5c5c5c5cL) - 0x0101010101010101L);
            if ((special & 0x8080808080808080L) != 0) {
                break;
            }
        }
        for (; i < v.length; i++) {
            int b = v[i];
            if (b == '"') {
                return i;
            }
            if (b < 0x20 || b == 0x7f || b == '\\') {
                return -1;
            }
        }
        return -1;
    }
}
