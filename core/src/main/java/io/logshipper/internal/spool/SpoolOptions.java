package io.logshipper.internal.spool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * How one program's spool is set up.
 *
 * @param dir                 the program's own directory (see {@link #programDirectory})
 * @param maxBytes            cap on the bytes its segments take on disk
 * @param segmentBytes        size at which a segment is closed and the next begun
 * @param fsyncIntervalMillis 0: every message is synced before it is sent; above 0: synced at most this long after
 *                            it was written; -1: never synced by logshipper (the operating system decides)
 */
public record SpoolOptions(Path dir, long maxBytes, long segmentBytes, long fsyncIntervalMillis) {

    /**
     * The directory a program's spool lives in under {@code spoolDir}: the program id, with every character other
     * than {@code A-Z a-z 0-9 . _ -} (and a leading dot) written {@code %XX} per UTF-8 byte, so that two ids never
     * share a directory and none escapes {@code spoolDir}.
     */
    public static Path programDirectory(Path spoolDir, String programId) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = programId.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
                    || b == '-' || b == '.' && i > 0;
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        return spoolDir.resolve(sb.length() == 0 ? "%" : sb.toString());
    }
}
