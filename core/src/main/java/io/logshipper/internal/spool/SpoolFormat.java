package io.logshipper.internal.spool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The spool's bytes on disk, version 1. A segment is a 16-byte header, {@code "LSSP" | u16 version | u16 flags |
 * u64 firstSeq}, then records framed {@code u32 length | u32 crc32c(payload) | payload | u32 length} (big-endian,
 * the trailing length as in Filebeat's frames, so a torn tail is found from either end). The payload is
 * {@code u64 seq | i64 timestampMillis | i32 userEntries | value}: the Kafka message value exactly as sent; the key
 * is the program's, which the directory is named after.
 *
 * <p>Every check here is made before anything is allocated: a length of 0, a negative one or one larger than the
 * segment, or than what is left in the file, is corruption, not a request for memory.
 */
final class SpoolFormat {

    static final byte[] MAGIC = "LSSP".getBytes(StandardCharsets.US_ASCII);
    static final short VERSION = 1;
    static final int HEADER_BYTES = 16;
    /** Length, checksum, trailing length. */
    static final int FRAME_BYTES = 12;
    /** Seq, timestamp, user entries. */
    static final int PAYLOAD_HEAD_BYTES = 20;
    /** The spool's bytes around one value: frame and payload head. */
    static final int RECORD_OVERHEAD = FRAME_BYTES + PAYLOAD_HEAD_BYTES;

    private SpoolFormat() {
    }

    static byte[] header(long firstSeq) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.put(MAGIC).putShort(VERSION).putShort((short) 0).putLong(firstSeq);
        return b.array();
    }

    /** The first seq a header names, or -1 when these 16 bytes are not a version-1 header. */
    static long firstSeqOf(byte[] header) {
        if (header.length < HEADER_BYTES) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(header);
        for (byte m : MAGIC) {
            if (b.get() != m) {
                return -1;
            }
        }
        if (b.getShort() != VERSION) {
            return -1;
        }
        b.getShort();
        long first = b.getLong();
        return first > 0 ? first : -1;
    }

    /** One whole framed record. */
    static byte[] frame(long seq, long timestampMillis, int userEntries, byte[] value) {
        int payload = PAYLOAD_HEAD_BYTES + value.length;
        ByteBuffer b = ByteBuffer.allocate(FRAME_BYTES + payload);
        b.putInt(payload).putInt(0).putLong(seq).putLong(timestampMillis).putInt(userEntries).put(value)
                .putInt(payload);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 8, payload);
        b.putInt(4, (int) crc.getValue());
        return b.array();
    }

    /**
     * Whether a declared payload length can be a record: at least the payload head, at most what a segment of
     * {@code segmentBytes} holds and what is {@code left} in the file after the length and checksum.
     */
    static boolean plausibleLength(int length, long segmentBytes, long left) {
        return length >= PAYLOAD_HEAD_BYTES && length <= segmentBytes - HEADER_BYTES - FRAME_BYTES
                && length + 4L <= left;
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** A record's payload read back, its checksum already checked. */
    static SpoolRecord decode(byte[] payload, int length) {
        ByteBuffer b = ByteBuffer.wrap(payload, 0, length);
        long seq = b.getLong();
        long timestamp = b.getLong();
        int userEntries = b.getInt();
        byte[] value = new byte[length - PAYLOAD_HEAD_BYTES];
        b.get(value);
        return new SpoolRecord(seq, timestamp, Math.max(0, userEntries), value);
    }

    /** The segment file name for a first seq: 20 digits, so that names sort as seqs do. */
    static String segmentName(long firstSeq) {
        return String.format("%020d.seg", firstSeq);
    }

    /** The first seq a segment file's name gives, or -1 for any other name. */
    static long seqOfName(String name) {
        if (name.length() != 24 || !name.endsWith(".seg")) {
            return -1;
        }
        long seq = 0;
        for (int i = 0; i < 20; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (seq > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            seq = seq * 10 + (c - '0');
        }
        return seq > 0 ? seq : -1;
    }
}
