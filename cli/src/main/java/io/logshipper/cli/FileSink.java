package io.logshipper.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The built-in file sink: appends one line per entry to a file, rotating by size ({@code name} →
 * {@code name.1} … {@code name.N}, the oldest deleted). Durable once {@link #flush()} has forced the file to disk;
 * a file is forced before it is renamed, so rotation never loses what was flushed.
 */
final class FileSink implements LineSink {

    private static final byte[] NL = System.lineSeparator().getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = new byte[0];
    private static final int BUFFER = 64 * 1024;

    private final String name;
    private final Path path;
    private final long rotateSize;
    private final int rotateKeep;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private FileChannel channel;
    private long size;
    /** The last head written and its bytes: every entry of a message shares one head. */
    private String lastHead = "";
    private byte[] lastHeadBytes = new byte[0];

    /**
     * @param rotateSize rotate once the file would grow beyond this many bytes; {@code Long.MAX_VALUE} never
     * @param rotateKeep how many rotated files to keep
     */
    FileSink(String name, Path path, long rotateSize, int rotateKeep) {
        this.name = name;
        this.path = path;
        this.rotateSize = rotateSize;
        this.rotateKeep = rotateKeep;
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether the file is open (between {@link #open} and {@link #close}). */
    boolean isOpen() {
        return channel != null;
    }

    /** The file written. */
    Path path() {
        return path;
    }

    @Override
    public void open(java.util.Map<String, String> options) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
    }

    @Override
    public void write(SinkEntry entry) throws IOException {
        if (entry.line() == null) {
            return;
        }
        byte[] line = entry.line().getBytes(StandardCharsets.UTF_8);
        append(EMPTY, line, 0, line.length);
    }

    @Override
    public void writeLine(String program, String level, String head, String body, boolean neutralise)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (neutralise && EntryFormatter.hasControl(bytes)) {
            bytes = EntryFormatter.neutralise(body).getBytes(StandardCharsets.UTF_8);
        }
        append(headBytes(head), bytes, 0, bytes.length);
    }

    @Override
    public void writePlain(String program, String head, byte[] bytes, int from, int to) throws IOException {
        append(headBytes(head), bytes, from, to);
    }

    /** The head's bytes, encoded once per message: its entries share one head instance. */
    private byte[] headBytes(String head) {
        if (head != lastHead) {
            lastHeadBytes = head.getBytes(StandardCharsets.UTF_8);
            lastHead = head;
        }
        return lastHeadBytes;
    }

    /** Writes {@code head}, {@code body[from..to)} and a line separator, rotating first when they would not fit. */
    private void append(byte[] head, byte[] body, int from, int to) throws IOException {
        long length = head.length + (to - from) + NL.length;
        if (size > 0 && size + length > rotateSize) {
            rotate();
        }
        put(head, 0, head.length);
        put(body, from, to);
        put(NL, 0, NL.length);
        size += length;
    }

    @Override
    public void flush() throws IOException {
        drain();
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            try {
                flush();
            } finally {
                channel.close();
                channel = null;
            }
        }
    }

    private void put(byte[] bytes, int from, int to) throws IOException {
        if (to - from <= buffer.remaining()) {
            buffer.put(bytes, from, to - from);
            return;
        }
        int at = from;
        while (at < to) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int n = Math.min(buffer.remaining(), to - at);
            buffer.put(bytes, at, n);
            at += n;
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private void rotate() throws IOException {
        flush();
        channel.close();
        Files.deleteIfExists(rotated(rotateKeep));
        for (int i = rotateKeep - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (rotateKeep > 0) {
            Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(path);
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = 0;
    }

    private Path rotated(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }
}
