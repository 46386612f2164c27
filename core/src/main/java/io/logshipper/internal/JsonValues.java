package io.logshipper.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes an event's value as JSON (UTF-8). With jackson-databind on the class path, its {@code ObjectMapper}
 * (modules found by {@code findAndRegisterModules}) writes anything it can, honouring the value's Jackson
 * annotations; without it, logshipper's own writer on Jackson's streaming API takes maps, iterables, arrays,
 * records, optionals, enums, strings, numbers, booleans, characters and null, and other objects through their
 * {@code toString()} only when they are {@code CharSequence}s, UUIDs or {@code java.time} values. Both stop at
 * {@code maxBytes} of output and at {@value #MAX_DEPTH} levels of nesting, so a huge or cyclic value fails instead
 * of exhausting memory or the stack.
 */
public final class JsonValues {

    static final int MAX_DEPTH = 200;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final MethodHandle DATABIND = findDatabind();

    private JsonValues() {
    }

    /** Output longer than the limit: the value is too large, not unwritable. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("the JSON is larger than allowed", null);
        }
    }

    /** Whether jackson-databind writes values (else logshipper's own writer does). */
    public static boolean usesDatabind() {
        return DATABIND != null;
    }

    /**
     * The value as JSON.
     *
     * @throws TooLargeException when it passes {@code maxBytes}
     * @throws Exception         whatever else stops it from being written (a type the writer does not take, a
     *                           getter that threw, a cycle)
     */
    public static byte[] write(Object value, int maxBytes) throws Exception {
        return write(value, maxBytes, DATABIND);
    }

    /** As {@link #write(Object, int)} with logshipper's own writer, as without jackson-databind; for tests. */
    static byte[] writeWithoutDatabind(Object value, int maxBytes) throws Exception {
        return write(value, maxBytes, null);
    }

    private static byte[] write(Object value, int maxBytes, MethodHandle databind) throws Exception {
        Limited out = new Limited(maxBytes);
        try {
            if (databind != null) {
                try {
                    databind.invoke(out, value);
                } catch (StackOverflowError e) {
                    throw new IOException("nested too deeply (a cycle?)");
                }
            } else {
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    writeValue(g, value, 0);
                }
            }
        } catch (Exception e) {
            if (out.exceeded) {
                throw new TooLargeException();
            }
            throw e;
        } catch (Throwable t) {
            if (t instanceof Error err) {
                throw err;
            }
            throw new IOException(t);
        }
        if (out.exceeded) {
            throw new TooLargeException();
        }
        return out.toByteArray();
    }

    private static MethodHandle findDatabind() {
        try {
            Class<?> type = Class.forName("com.fasterxml.jackson.databind.ObjectMapper", true,
                    JsonValues.class.getClassLoader());
            JsonValues.class.getModule().addReads(type.getModule());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Object mapper = lookup.findConstructor(type, MethodType.methodType(void.class)).invoke();
            lookup.findVirtual(type, "findAndRegisterModules", MethodType.methodType(type)).invoke(mapper);
            return lookup.findVirtual(type, "writeValue",
                            MethodType.methodType(void.class, OutputStream.class, Object.class))
                    .bindTo(mapper);
        } catch (Throwable e) {
            // No databind (or an unusable one): the streaming writer below does it.
            return null;
        }
    }

    private static void writeValue(JsonGenerator g, Object v, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Character || v instanceof CharSequence || v instanceof java.util.UUID
                || v instanceof java.time.temporal.TemporalAccessor || v instanceof java.time.temporal.TemporalAmount) {
            g.writeString(v.toString());
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (v instanceof Optional<?> o) {
            writeValue(g, o.orElse(null), depth + 1);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue(), depth + 1);
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) {
                writeValue(g, o, depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof byte[] bytes) {
            g.writeBinary(bytes);
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                writeValue(g, Array.get(v, i), depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof Record) {
            g.writeStartObject();
            for (RecordComponent c : v.getClass().getRecordComponents()) {
                Object part;
                try {
                    part = c.getAccessor().invoke(v);
                } catch (ReflectiveOperationException e) {
                    throw new IOException("cannot read " + v.getClass().getName() + "." + c.getName()
                            + " (is the record public, or its package open?)");
                }
                g.writeFieldName(c.getName());
                writeValue(g, part, depth + 1);
            }
            g.writeEndObject();
        } else {
            throw new IOException("cannot write a " + v.getClass().getName() + " as JSON without jackson-databind"
                    + " (maps, lists, arrays, records, strings, numbers and booleans are written)");
        }
    }

    /** A byte array output stream that stops at a limit. */
    private static final class Limited extends OutputStream {
        private final int max;
        private byte[] buf = new byte[256];
        private int count;
        boolean exceeded;

        Limited(int max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int more) throws IOException {
            if ((long) count + more > max) {
                exceeded = true;
                throw new TooLargeException();
            }
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(max, Math.max((long) buf.length * 2, (long) count + more)));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }
    }
}
