package io.logshipper.internal.spool;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One segment file and what the spool knows of it: where its valid records end, the last seq among them and how
 * many user entries they hold. Reads go through {@link #read}, which checks every frame before it allocates.
 */
final class Segment {

    final Path file;
    final long firstSeq;
    /** The end of the last valid record; appends go here in the segment being written. */
    long validEnd;
    /** The file's size on disk, skipped bytes included: what counts against the cap. */
    long diskBytes;
    /** The last valid seq, or firstSeq - 1 when the segment holds none. */
    long lastSeq;
    int records;
    long userEntries;

    Segment(Path file, long firstSeq) {
        this.file = file;
        this.firstSeq = firstSeq;
        this.validEnd = SpoolFormat.HEADER_BYTES;
        this.lastSeq = firstSeq - 1;
    }

    /** A record read back and the bytes its frame took. */
    record Read(SpoolRecord record, int frameBytes) {
    }

    /**
     * The record framed at {@code pos}, or null when what is there is not a whole, intact record: a length that is
     * 0, negative, larger than the segment or than what is left before {@code limit}, a checksum or trailing
     * length that does not match. Never throws for what the bytes say; I/O errors propagate.
     */
    static Read read(RandomAccessFile f, long pos, long limit, long segmentBytes) throws IOException {
        if (limit - pos < SpoolFormat.FRAME_BYTES + SpoolFormat.PAYLOAD_HEAD_BYTES) {
            return null;
        }
        byte[] head = new byte[8];
        f.seek(pos);
        f.readFully(head);
        ByteBuffer h = ByteBuffer.wrap(head);
        int length = h.getInt();
        int crc = h.getInt();
        if (!SpoolFormat.plausibleLength(length, segmentBytes, limit - pos - 8)) {
            return null;
        }
        byte[] rest = new byte[length + 4];
        f.readFully(rest);
        int trailing = ByteBuffer.wrap(rest, length, 4).getInt();
        if (trailing != length || SpoolFormat.crc(rest, 0, length) != crc) {
            return null;
        }
        return new Read(SpoolFormat.decode(rest, length), length + SpoolFormat.FRAME_BYTES);
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
