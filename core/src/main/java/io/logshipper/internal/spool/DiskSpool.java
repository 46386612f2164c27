package io.logshipper.internal.spool;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.logshipper.internal.Problems;
import io.logshipper.internal.ShipperThread;

/**
 * A spool on disk: segment files of framed records ({@link SpoolFormat}), an {@code acked} watermark
 * ({@link Watermark}) and a {@code spool.lock} held for as long as the spool is open, so that two processes never
 * share one directory.
 *
 * <p>Opening recovers what an earlier run left, and never throws nor loops: a damaged tail of the newest segment
 * is cut off (the normal result of a crash while appending), a damaged record in an older segment ends what is read
 * of that segment (the rest is skipped and counted), a missing or damaged watermark replays everything. Every
 * length is checked against the segment and the file before anything is allocated.
 *
 * <p>Sending reads records in seq order into a bounded window of messages in flight. An acknowledgement marks its
 * record; the watermark is the highest seq below which everything is acknowledged, persisted before any segment
 * wholly below it is deleted (never the other order: a crash in between leaves a segment the next start deletes).
 */
public final class DiskSpool implements Spool {

    /** What a segment needs beyond the largest message value: its header and one record's frame. */
    public static final int SEGMENT_OVERHEAD = SpoolFormat.HEADER_BYTES + SpoolFormat.RECORD_OVERHEAD;

    static final String LOCK_FILE = "spool.lock";
    private static final int WINDOW_RECORDS = 1000;
    private static final long WINDOW_BYTES = 4L * 1024 * 1024;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final int UNSENT = 0;
    private static final int SENT = 1;
    private static final int ACKED = 2;
    private static final int FAILED = 3;

    private final SpoolOptions options;
    private final Path dir;
    private final RandomAccessFile lockFile;
    private final FileLock lock;
    private final List<Segment> segments = new ArrayList<>();
    private final ConcurrentLinkedQueue<long[]> completions = new ConcurrentLinkedQueue<>();
    private final Runnable wake;
    private final List<String> notices = new ArrayList<>();
    private final Object syncLock = new Object();
    private final long firstSeqThisRun;
    private final SpoolCounts counts = new SpoolCounts();

    private RandomAccessFile writer;
    private volatile boolean dirty;
    private ScheduledExecutorService syncer;
    private long totalBytes;
    private long cap;
    private long nextSeq;
    private long watermark;
    private long persistedWatermark;
    private boolean broken;

    private Segment readSegment;
    private long readPos;
    private RandomAccessFile reader;
    private Segment readerOf;
    /** The record just appended, handed to the reader without reading it back when the reader has caught up. */
    private SpoolRecord lastAppended;
    private long lastAppendedEnd;

    private final TreeMap<Long, Slot> window = new TreeMap<>();
    private long windowBytes;
    private long retryAt;

    private static final class Slot {
        final SpoolRecord record;
        int state = SENT;

        Slot(SpoolRecord record) {
            this.record = record;
        }
    }

    /** Counts of what the spool did, for tests and notices. */
    public static final class SpoolCounts {
        long corruptSegments;
        long skippedBytes;
        long truncatedBytes;
        long replayMessages;
        long replayEntries;
        long refused;
        long writeErrors;

        /** Older segments whose rest was skipped after a damaged record. */
        public long corruptSegments() {
            return corruptSegments;
        }

        /** Bytes skipped in older segments. */
        public long skippedBytes() {
            return skippedBytes;
        }

        /** Bytes cut off the end of the newest segment. */
        public long truncatedBytes() {
            return truncatedBytes;
        }

        /** Messages found waiting at start. */
        public long replayMessages() {
            return replayMessages;
        }

        /** User entries in the messages found waiting at start. */
        public long replayEntries() {
            return replayEntries;
        }

        /** Messages refused because the spool was full or a write failed. */
        public long refused() {
            return refused;
        }
    }

    /** What opening a spool gave: a spool, or the reason there is none. */
    public record Opened(Spool spool, String problem) {
    }

    private DiskSpool(SpoolOptions options, RandomAccessFile lockFile, FileLock lock, Runnable wake)
            throws IOException {
        this.options = options;
        this.dir = options.dir();
        this.lockFile = lockFile;
        this.lock = lock;
        this.wake = wake;
        this.cap = options.maxBytes();
        recover();
        this.firstSeqThisRun = nextSeq;
        startWriter();
        if (options.fsyncIntervalMillis() > 0) {
            syncer = Executors.newSingleThreadScheduledExecutor(
                    r -> new ShipperThread(r, "logshipper-spool-sync-" + dir.getFileName()));
            syncer.scheduleWithFixedDelay(this::syncIfDirty, options.fsyncIntervalMillis(),
                    options.fsyncIntervalMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Opens (creating it if needed) and recovers the spool in {@code options.dir()}. Never throws: a directory that
     * cannot be used (not writable, a file in the way, the lock held by another process or shipper) gives no spool
     * and a problem to report.
     *
     * @param wake called, on the producer's I/O thread, when an acknowledgement arrives
     */
    public static Opened open(SpoolOptions options, Runnable wake) {
        Path dir = options.dir();
        RandomAccessFile lockFile = null;
        try {
            Files.createDirectories(dir);
            lockFile = new RandomAccessFile(dir.resolve(LOCK_FILE).toFile(), "rw");
            FileLock lock;
            try {
                lock = lockFile.getChannel().tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockFile.close();
                return new Opened(OFF, "the spool directory " + dir + " is in use by another process or shipper"
                        + " (" + LOCK_FILE + " is locked); shipping without the spool");
            }
            return new Opened(new DiskSpool(options, lockFile, lock, wake), null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lockFile);
            return new Opened(OFF, "the spool directory " + dir + " cannot be used (" + Problems.describe(e)
                    + "); shipping without the spool");
        }
    }

    /** What the spool counted; read on the shipper's thread or after close. */
    public SpoolCounts counts() {
        return counts;
    }

    // ----------------------------------------------------------------------------------------------- recovery

    private void recover() throws IOException {
        Files.deleteIfExists(dir.resolve("acked.tmp"));
        long mark = Watermark.read(dir);
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.seg")) {
            for (Path p : files) {
                long seq = SpoolFormat.seqOfName(p.getFileName().toString());
                if (seq > 0 && Files.isRegularFile(p)) {
                    found.put(seq, p);
                }
            }
        }
        if (mark < 0 && !found.isEmpty()) {
            notices.add("logshipper: the spool's watermark (" + dir.resolve(Watermark.FILE) + ") was missing or"
                    + " damaged; every spooled message is sent again (some may be duplicates)");
        }
        watermark = Math.max(0, mark);
        persistedWatermark = watermark;
        long highest = watermark;
        for (Iterator<Map.Entry<Long, Path>> it = found.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Path> e = it.next();
            Segment s = scan(e.getValue(), e.getKey(), !it.hasNext());
            highest = Math.max(highest, Math.max(s.lastSeq, s.firstSeq - 1));
            if (s.lastSeq <= watermark || s.records == 0 && !it.hasNext()) {
                Files.deleteIfExists(s.file);
            } else {
                segments.add(s);
                totalBytes += s.diskBytes;
            }
        }
        nextSeq = highest + 1;
        for (Segment s : segments) {
            // Only what lies above the watermark is sent again; a partly acknowledged segment is partly replayed.
            long unacked = Math.min(s.records, s.lastSeq - watermark);
            if (unacked > 0) {
                counts.replayMessages += unacked;
                counts.replayEntries += s.userEntries;
            }
        }
        if (counts.corruptSegments > 0) {
            notices.add("logshipper: the spool skipped " + counts.skippedBytes + " bytes in "
                    + counts.corruptSegments + " damaged segment(s) of " + dir
                    + " after a record that failed its checksum or length check; what follows it in those"
                    + " segments is lost");
        }
        if (counts.truncatedBytes > 0) {
            notices.add("logshipper: the spool cut " + counts.truncatedBytes + " bytes of an incomplete record off"
                    + " the end of " + dir + " (a crash while writing it)");
        }
        Watermark.syncDirectory(dir);
    }

    /** Reads a segment's records through, checking each; cuts the last segment, stops reading an older one. */
    private Segment scan(Path file, long nameSeq, boolean last) throws IOException {
        Segment s = new Segment(file, nameSeq);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), last ? "rw" : "r")) {
            long size = f.length();
            s.diskBytes = size;
            byte[] header = new byte[SpoolFormat.HEADER_BYTES];
            long pos = SpoolFormat.HEADER_BYTES;
            if (size < SpoolFormat.HEADER_BYTES) {
                pos = 0;
            } else {
                f.readFully(header);
                if (SpoolFormat.firstSeqOf(header) != nameSeq) {
                    pos = 0;
                }
            }
            long previous = nameSeq - 1;
            while (pos > 0) {
                Segment.Read r = Segment.read(f, pos, size, options.segmentBytes());
                if (r == null || r.record().seq() <= previous) {
                    break;
                }
                previous = r.record().seq();
                s.lastSeq = previous;
                s.records++;
                if (previous > watermark) {
                    s.userEntries += r.record().userEntries();
                }
                pos += r.frameBytes();
            }
            s.validEnd = Math.max(pos, SpoolFormat.HEADER_BYTES);
            long bad = size - Math.max(pos, 0);
            if (bad > 0) {
                if (last && pos > 0) {
                    f.setLength(pos);
                    f.getFD().sync();
                    s.diskBytes = pos;
                    counts.truncatedBytes += bad;
                } else {
                    counts.corruptSegments++;
                    counts.skippedBytes += bad;
                    s.validEnd = Math.max(pos, SpoolFormat.HEADER_BYTES);
                    if (pos == 0) {
                        s.validEnd = 0;
                    }
                }
            }
        }
        return s;
    }

    private void startWriter() throws IOException {
        Segment s = new Segment(dir.resolve(SpoolFormat.segmentName(nextSeq)), nextSeq);
        RandomAccessFile f = new RandomAccessFile(s.file.toFile(), "rw");
        try {
            f.setLength(0);
            f.write(SpoolFormat.header(nextSeq));
            if (options.fsyncIntervalMillis() >= 0) {
                f.getFD().sync();
            }
        } catch (IOException e) {
            closeQuietly(f);
            Files.deleteIfExists(s.file);
            throw e;
        }
        s.diskBytes = SpoolFormat.HEADER_BYTES;
        if (options.fsyncIntervalMillis() >= 0) {
            Watermark.syncDirectory(dir);
        }
        synchronized (syncLock) {
            RandomAccessFile old = writer;
            if (old != null && options.fsyncIntervalMillis() >= 0) {
                old.getFD().sync();
            }
            closeQuietly(old);
            writer = f;
        }
        segments.add(s);
        totalBytes += s.diskBytes;
        if (readSegment == null) {
            readSegment = segments.get(0);
            readPos = SpoolFormat.HEADER_BYTES;
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    @Override
    public boolean isOn() {
        return true;
    }

    @Override
    public long append(long timestampMillis, byte[] value, int userEntries) {
        if (broken) {
            counts.refused++;
            return WRITE_FAILED;
        }
        byte[] frame = SpoolFormat.frame(nextSeq, timestampMillis, userEntries, value);
        Segment current = segments.get(segments.size() - 1);
        boolean roll = current.validEnd + frame.length > options.segmentBytes();
        long needed = frame.length + (roll ? SpoolFormat.HEADER_BYTES : 0);
        if (totalBytes + needed > cap) {
            maintain();
        }
        if (frame.length + SpoolFormat.HEADER_BYTES > options.segmentBytes()) {
            counts.refused++;
            return WRITE_FAILED;
        }
        if (totalBytes + needed > cap) {
            counts.refused++;
            return FULL;
        }
        long seq = nextSeq;
        try {
            if (roll) {
                persistWatermark();
                startWriter();
                current = segments.get(segments.size() - 1);
            }
            boolean caughtUp = readSegment == current && readPos == current.validEnd;
            writer.seek(current.validEnd);
            writer.write(frame);
            if (options.fsyncIntervalMillis() == 0) {
                writer.getFD().sync();
            } else {
                dirty = true;
            }
            current.validEnd += frame.length;
            current.diskBytes = current.validEnd;
            current.lastSeq = seq;
            current.records++;
            current.userEntries += userEntries;
            totalBytes += frame.length;
            nextSeq++;
            if (caughtUp) {
                lastAppended = new SpoolRecord(seq, timestampMillis, userEntries, value);
                lastAppendedEnd = current.validEnd;
            }
            return seq;
        } catch (IOException | RuntimeException e) {
            counts.refused++;
            counts.writeErrors++;
            if (counts.writeErrors == 1 || counts.writeErrors % 1000 == 0) {
                notices.add("logshipper: could not write to the spool in " + dir + ": " + Problems.describe(e)
                        + "; messages are refused until it works again");
            }
            try {
                writer.setLength(current.validEnd);
            } catch (IOException | RuntimeException again) {
                broken = true;
            }
            return WRITE_FAILED;
        }
    }

    private void syncIfDirty() {
        if (!dirty) {
            return;
        }
        dirty = false;
        synchronized (syncLock) {
            try {
                if (writer != null) {
                    writer.getFD().sync();
                }
            } catch (IOException e) {
                dirty = true;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ sending

    @Override
    public SpoolRecord nextToSend() {
        takeCompletions();
        boolean failures = false;
        boolean inFlight = false;
        for (Slot s : window.values()) {
            failures |= s.state == FAILED;
            inFlight |= s.state == SENT;
        }
        if (failures) {
            // Resent in order once everything in flight has settled and the back-off is over.
            if (inFlight || System.nanoTime() - retryAt < 0) {
                return null;
            }
            for (Slot s : window.values()) {
                if (s.state == FAILED) {
                    s.state = UNSENT;
                }
            }
        }
        for (Slot s : window.values()) {
            if (s.state == UNSENT) {
                s.state = SENT;
                return s.record;
            }
        }
        if (window.size() >= WINDOW_RECORDS || windowBytes >= WINDOW_BYTES) {
            return null;
        }
        SpoolRecord next = readNext();
        if (next != null) {
            window.put(next.seq(), new Slot(next));
            windowBytes += next.value().length;
        }
        return next;
    }

    /** The next record above the watermark after the reader's position, or null when the reader has caught up. */
    private SpoolRecord readNext() {
        while (readSegment != null) {
            Segment s = readSegment;
            if (readPos < s.validEnd) {
                if (lastAppended != null && readPos + frameBytes(lastAppended) == lastAppendedEnd
                        && s == segments.get(segments.size() - 1)) {
                    SpoolRecord r = lastAppended;
                    lastAppended = null;
                    readPos = lastAppendedEnd;
                    return r;
                }
                lastAppended = null;
                Segment.Read r = null;
                try {
                    r = Segment.read(readerFor(s), readPos, s.validEnd, options.segmentBytes());
                } catch (IOException | RuntimeException e) {
                    notices.add("logshipper: could not read the spool segment " + s + ": " + Problems.describe(e));
                }
                if (r == null) {
                    counts.corruptSegments++;
                    counts.skippedBytes += s.validEnd - readPos;
                    notices.add("logshipper: the spool segment " + s + " could not be read back at byte " + readPos
                            + "; the rest of it is skipped");
                    readPos = s.validEnd;
                    continue;
                }
                readPos += r.frameBytes();
                if (r.record().seq() > watermark) {
                    return r.record();
                }
                continue;
            }
            int i = segments.indexOf(s);
            if (i < 0 || i + 1 >= segments.size()) {
                return null;
            }
            readSegment = segments.get(i + 1);
            readPos = SpoolFormat.HEADER_BYTES;
        }
        return null;
    }

    private static int frameBytes(SpoolRecord r) {
        return r.value().length + SpoolFormat.RECORD_OVERHEAD;
    }

    private RandomAccessFile readerFor(Segment s) throws IOException {
        if (readerOf != s) {
            closeQuietly(reader);
            reader = null;
            readerOf = null;
            reader = new RandomAccessFile(s.file.toFile(), "r");
            readerOf = s;
        }
        return reader;
    }

    @Override
    public void notTaken(long seq) {
        Slot s = window.get(seq);
        if (s != null && s.state == SENT) {
            s.state = UNSENT;
        }
    }

    @Override
    public void completed(long seq, boolean done) {
        completions.add(new long[] {seq, done ? 1 : 0});
        wake.run();
    }

    private void takeCompletions() {
        long[] c;
        while ((c = completions.poll()) != null) {
            Slot s = window.get(c[0]);
            if (s == null) {
                continue;
            }
            if (c[1] == 1) {
                s.state = ACKED;
            } else {
                s.state = FAILED;
                retryAt = System.nanoTime() + RETRY_NANOS;
            }
        }
        while (!window.isEmpty() && window.firstEntry().getValue().state == ACKED) {
            Slot s = window.pollFirstEntry().getValue();
            windowBytes -= s.record.value().length;
            watermark = Math.max(watermark, s.record.seq());
        }
        if (window.isEmpty() && readSegment != null && readPos >= readSegment.validEnd
                && readSegment == segments.get(segments.size() - 1)) {
            // Everything read has been acknowledged: records skipped as damaged count as done too.
            watermark = Math.max(watermark, nextSeq - 1);
        }
    }

    @Override
    public boolean hasWork() {
        if (!completions.isEmpty()) {
            return true;
        }
        boolean failures = false;
        boolean inFlight = false;
        for (Slot s : window.values()) {
            if (s.state == UNSENT) {
                return true;
            }
            failures |= s.state == FAILED;
            inFlight |= s.state == SENT;
        }
        if (failures) {
            return !inFlight;
        }
        if (window.size() >= WINDOW_RECORDS || windowBytes >= WINDOW_BYTES) {
            return false;
        }
        Segment last = segments.get(segments.size() - 1);
        return readSegment != last || readPos < last.validEnd || watermark > persistedWatermark;
    }

    @Override
    public boolean waitsToRetry() {
        takeCompletions();
        for (Slot s : window.values()) {
            if (s.state == FAILED) {
                return System.nanoTime() - retryAt < 0 || window.values().stream().anyMatch(x -> x.state == SENT);
            }
        }
        return false;
    }

    @Override
    public boolean fromEarlierRun(long seq) {
        return seq < firstSeqThisRun;
    }

    // ------------------------------------------------------------------------------------------- housekeeping

    @Override
    public void maintain() {
        takeCompletions();
        if (broken) {
            return;
        }
        try {
            persistWatermark();
        } catch (IOException | RuntimeException e) {
            notices.add("logshipper: could not write the spool's watermark in " + dir + ": " + Problems.describe(e)
                    + "; acknowledged messages may be sent again after a restart");
            return;
        }
        // Only once the watermark is on disk: a crash in between leaves a segment the next start deletes.
        while (segments.size() > 1 && segments.get(0).lastSeq <= persistedWatermark) {
            Segment s = segments.get(0);
            if (readSegment == s) {
                readSegment = segments.get(1);
                readPos = SpoolFormat.HEADER_BYTES;
            }
            if (readerOf == s) {
                closeQuietly(reader);
                reader = null;
                readerOf = null;
            }
            try {
                Files.deleteIfExists(s.file);
            } catch (IOException e) {
                notices.add("logshipper: could not delete the spool segment " + s.file + ": " + Problems.describe(e));
                return;
            }
            segments.remove(0);
            totalBytes -= s.diskBytes;
        }
    }

    private void persistWatermark() throws IOException {
        if (watermark > persistedWatermark) {
            Watermark.write(dir, watermark, options.fsyncIntervalMillis() >= 0);
            persistedWatermark = watermark;
        }
    }

    @Override
    public void takeNotices(Consumer<String> notice) {
        if (!notices.isEmpty()) {
            notices.forEach(notice);
            notices.clear();
        }
    }

    /** Bytes the spool's segments take on disk now. */
    public long bytesOnDisk() {
        return totalBytes;
    }

    /** The acknowledged watermark now (in memory). */
    public long watermark() {
        return watermark;
    }

    @Override
    public void closing() {
        cap = options.maxBytes() + options.segmentBytes();
    }

    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            maintain();
            if (syncer != null) {
                syncer.shutdownNow();
            }
            synchronized (syncLock) {
                if (writer != null && options.fsyncIntervalMillis() >= 0) {
                    try {
                        writer.getFD().sync();
                    } catch (IOException e) {
                        // Nothing more can be done; the records are in the page cache.
                    }
                }
                closeQuietly(writer);
                writer = null;
            }
            closeQuietly(reader);
            try {
                lock.release();
            } catch (IOException | RuntimeException e) {
                // Closing the file releases it too.
            }
            closeQuietly(lockFile);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing a file we only read or already synced.
            }
        }
    }
}
