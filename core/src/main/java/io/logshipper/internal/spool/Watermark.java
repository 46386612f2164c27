package io.logshipper.internal.spool;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The {@code acked} file: {@code "LSAK" | u16 version | u64 seq | u32 crc32c} (18 bytes), the highest seq up to
 * which every message was acknowledged. Replaced atomically (written to {@code acked.tmp}, synced, renamed over,
 * the directory synced), so a crash leaves the old watermark or the new one, never half of one. A missing or
 * damaged file reads as 0: everything is replayed (duplicates, never loss).
 */
final class Watermark {

    static final String FILE = "acked";
    private static final String TMP = "acked.tmp";
    private static final byte[] MAGIC = "LSAK".getBytes(StandardCharsets.US_ASCII);
    private static final int BYTES = 18;

    private Watermark() {
    }

    /** The watermark, or -1 when the file is missing, damaged or unreadable (the caller replays everything). */
    static long read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != BYTES) {
                return -1;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != BYTES) {
                return -1;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            for (byte m : MAGIC) {
                if (b.get() != m) {
                    return -1;
                }
            }
            if (b.getShort() != 1) {
                return -1;
            }
            long seq = b.getLong();
            int crc = b.getInt();
            return crc == SpoolFormat.crc(bytes, 0, BYTES - 4) && seq >= 0 ? seq : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Replaces the watermark; {@code sync} false skips every fsync (the "never" policy). */
    static void write(Path dir, long seq, boolean sync) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        b.put(MAGIC).putShort((short) 1).putLong(seq);
        b.putInt(SpoolFormat.crc(b.array(), 0, BYTES - 4));
        Path tmp = dir.resolve(TMP);
        try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
            f.setLength(0);
            f.write(b.array());
            if (sync) {
                f.getFD().sync();
            }
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (sync) {
            syncDirectory(dir);
        }
    }

    /** Makes a rename or a deletion in {@code dir} durable, where the platform allows it (Linux does). */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // Not every platform syncs a directory (Windows cannot open one); the rename itself was atomic.
        }
    }
}
