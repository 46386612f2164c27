package io.logshipper.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool's file format and recovery, file by file: what a crash, a flipped bit or a hostile file leaves, and
 * what the next start makes of it. Modelled on Vector's disk buffer tests ({@code tests/known_errors.rs}).
 */
@Timeout(60)
class DiskSpoolTest {

    private static final long SEGMENT = 1024;

    @TempDir
    Path root;

    private SpoolOptions options(Path dir, long maxBytes, long segmentBytes) {
        return new SpoolOptions(dir, maxBytes, segmentBytes, 0);
    }

    private DiskSpool open(Path dir) {
        return open(options(dir, 1024 * 1024, SEGMENT));
    }

    private static DiskSpool open(SpoolOptions options) {
        DiskSpool.Opened o = DiskSpool.open(options, () -> { });
        assertThat(o.problem()).isNull();
        return (DiskSpool) o.spool();
    }

    private static byte[] value(int i) {
        return ("{\"timestamp\":1,\"messages\":[\"entry " + i + " " + "x".repeat(100) + "\"]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String text(SpoolRecord r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }

    /** Everything the spool gives to send, acknowledging nothing. */
    private static List<SpoolRecord> drain(Spool spool) {
        List<SpoolRecord> out = new ArrayList<>();
        SpoolRecord r;
        while ((r = spool.nextToSend()) != null) {
            out.add(r);
        }
        return out;
    }

    private static List<Long> seqs(List<SpoolRecord> records) {
        return records.stream().map(SpoolRecord::seq).collect(Collectors.toList());
    }

    private static void append(Spool spool, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(spool.append(1000L + i, value(i), 1)).isEqualTo(i + 1L);
        }
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void spooledMessagesComeBackInOrderWithTheirTimestampsAfterARestart() {
        Path dir = root.resolve("p");
        DiskSpool spool = open(dir);
        append(spool, 0, 20);
        spool.close();

        DiskSpool again = open(dir);
        List<SpoolRecord> replay = drain(again);
        assertThat(seqs(replay)).containsExactlyElementsOf(seqList(1, 20));
        assertThat(replay.get(3).timestampMillis()).isEqualTo(1003L);
        assertThat(text(replay.get(3))).contains("entry 3 ");
        assertThat(again.counts().replayMessages()).isEqualTo(20);
        assertThat(again.counts().replayEntries()).isEqualTo(20);
        assertThat(again.fromEarlierRun(20)).isTrue();
        assertThat(again.append(5, value(99), 1)).isEqualTo(21);
        assertThat(again.fromEarlierRun(21)).isFalse();
        again.close();
    }

    @Test
    void acknowledgedMessagesAreNotSentAgainAndTheirSegmentsAreDeleted() throws IOException {
        Path dir = root.resolve("p");
        DiskSpool spool = open(dir);
        append(spool, 0, 30);
        List<SpoolRecord> sent = drain(spool);
        assertThat(sent).hasSize(30);
        int segmentsBefore = segments(dir).size();
        assertThat(segmentsBefore).isGreaterThan(3);
        for (int i = 0; i < 20; i++) {
            spool.completed(sent.get(i).seq(), true);
        }
        spool.maintain();
        assertThat(spool.watermark()).isEqualTo(20);
        assertThat(segments(dir).size()).isLessThan(segmentsBefore);
        spool.close();

        DiskSpool again = open(dir);
        assertThat(seqs(drain(again))).containsExactlyElementsOf(seqList(21, 30));
        again.close();
    }

    @Test
    void aTornTailAtEveryByteOffsetOfTheLastRecordLosesOnlyThatRecord() throws IOException {
        Path original = root.resolve("original");
        DiskSpool spool = open(options(original, 1024 * 1024, 64 * 1024));
        append(spool, 0, 5);
        spool.close();
        Path segment = segments(original).get(0);
        long size = Files.size(segment);
        int frame = value(4).length + SpoolFormat.RECORD_OVERHEAD;
        long lastStart = size - frame;
        for (long cut = lastStart; cut < size; cut++) {
            Path dir = root.resolve("cut-" + cut);
            Files.createDirectories(dir);
            Path copy = dir.resolve(segment.getFileName());
            Files.copy(segment, copy);
            try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
                f.setLength(cut);
            }
            DiskSpool recovered = open(options(dir, 1024 * 1024, 64 * 1024));
            assertThat(seqs(drain(recovered))).as("cut at %d", cut).containsExactly(1L, 2L, 3L, 4L);
            assertThat(recovered.counts().truncatedBytes()).isEqualTo(cut - lastStart);
            assertThat(recovered.counts().corruptSegments()).isZero();
            // The next seq follows the last one recovered: nothing is numbered twice.
            assertThat(recovered.append(1, value(9), 1)).isEqualTo(5);
            recovered.close();
            assertThat(Files.size(copy)).isEqualTo(lastStart);
        }
    }

    @Test
    void aFlippedBitInAMiddleSegmentSkipsTheRestOfThatSegmentOnlyAndIsCounted() throws IOException {
        Path original = root.resolve("original");
        DiskSpool spool = open(original);
        append(spool, 0, 40);
        spool.close();
        List<Path> segs = segments(original);
        assertThat(segs.size()).isGreaterThanOrEqualTo(5);
        Path middle = segs.get(2);
        long firstOfMiddle = SpoolFormat.seqOfName(middle.getFileName().toString());
        long lastOfMiddle = SpoolFormat.seqOfName(segs.get(3).getFileName().toString()) - 1;
        int frame = value(10).length + SpoolFormat.RECORD_OVERHEAD;
        long secondRecord = SpoolFormat.HEADER_BYTES + frame;
        // One bit in each part of the second record: length, checksum, seq, value, trailing length.
        long[] offsets = {secondRecord + 1, secondRecord + 5, secondRecord + 9, secondRecord + 40,
            secondRecord + frame - 1};
        for (long offset : offsets) {
            Path dir = copyOf(original, "flip-" + offset);
            flipBit(dir.resolve(middle.getFileName()), offset);
            DiskSpool recovered = open(dir);
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= 40; s++) {
                if (s <= firstOfMiddle || s > lastOfMiddle) {
                    expected.add(s);
                }
            }
            assertThat(seqs(drain(recovered))).as("bit at %d", offset).containsExactlyElementsOf(expected);
            assertThat(recovered.counts().corruptSegments()).isEqualTo(1);
            assertThat(recovered.counts().skippedBytes()).isEqualTo(Files.size(middle) - secondRecord);
            List<String> notices = new ArrayList<>();
            recovered.takeNotices(notices::add);
            assertThat(notices).anySatisfy(n -> assertThat(n).contains("damaged segment"));
            recovered.close();
        }
    }

    @Test
    void lengthsOfZeroNegativeOrLargerThanTheSegmentAreCorruptionNotAllocations() throws IOException {
        Path original = root.resolve("original");
        DiskSpool spool = open(original);
        append(spool, 0, 40);
        spool.close();
        List<Path> segs = segments(original);
        Path middle = segs.get(1);
        Path last = segs.get(segs.size() - 1);
        int[] lengths = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, (int) SEGMENT + 1, 19};
        for (int length : lengths) {
            for (Path target : List.of(middle, last)) {
                Path dir = copyOf(original, "len-" + length + "-" + target.getFileName());
                try (RandomAccessFile f = new RandomAccessFile(dir.resolve(target.getFileName()).toFile(), "rw")) {
                    f.seek(SpoolFormat.HEADER_BYTES);
                    f.writeInt(length);
                }
                DiskSpool recovered = open(dir);
                List<SpoolRecord> replay = drain(recovered);
                long firstOfTarget = SpoolFormat.seqOfName(target.getFileName().toString());
                assertThat(seqs(replay)).as("length %d in %s", length, target.getFileName())
                        .doesNotContain(firstOfTarget).isSorted();
                if (target == last) {
                    assertThat(recovered.counts().truncatedBytes()).isEqualTo(Files.size(last) - 16);
                    assertThat(seqs(replay)).containsExactlyElementsOf(seqList(1, firstOfTarget - 1));
                } else {
                    assertThat(recovered.counts().corruptSegments()).isEqualTo(1);
                }
                recovered.close();
            }
        }
    }

    @Test
    void aMissingOrDamagedWatermarkReplaysEverything() throws IOException {
        Path original = root.resolve("original");
        DiskSpool spool = open(options(original, 1024 * 1024, 64 * 1024));
        append(spool, 0, 10);
        for (SpoolRecord r : drain(spool)) {
            spool.completed(r.seq(), true);
        }
        spool.maintain();
        spool.close();
        assertThat(Files.exists(original.resolve(Watermark.FILE))).isTrue();
        DiskSpool intact = open(options(copyOf(original, "intact"), 1024 * 1024, 64 * 1024));
        assertThat(drain(intact)).isEmpty();
        intact.close();

        Path missing = copyOf(original, "missing");
        Files.delete(missing.resolve(Watermark.FILE));
        Path damaged = copyOf(original, "damaged");
        flipBit(damaged.resolve(Watermark.FILE), 9);
        Path truncated = copyOf(original, "truncated");
        try (RandomAccessFile f = new RandomAccessFile(truncated.resolve(Watermark.FILE).toFile(), "rw")) {
            f.setLength(7);
        }
        for (Path dir : List.of(missing, damaged, truncated)) {
            DiskSpool recovered = open(options(dir, 1024 * 1024, 64 * 1024));
            assertThat(seqs(drain(recovered))).as(dir.getFileName().toString())
                    .containsExactlyElementsOf(seqList(1, 10));
            List<String> notices = new ArrayList<>();
            recovered.takeNotices(notices::add);
            assertThat(notices).anySatisfy(n -> assertThat(n).contains("watermark").contains("sent again"));
            recovered.close();
        }
    }

    @Test
    void aFullSpoolRefusesNewMessagesCountsThemExactlyAndTakesThemAgainOnceAcknowledged() throws IOException {
        Path dir = root.resolve("p");
        long max = 4 * SEGMENT;
        DiskSpool spool = open(options(dir, max, SEGMENT));
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 100; i++) {
            if (spool.append(i, value(i), 1) > 0) {
                accepted++;
            } else {
                refused++;
            }
            assertThat(spool.bytesOnDisk()).isLessThanOrEqualTo(max);
            assertThat(segments(dir).stream().mapToLong(DiskSpoolTest::size).sum()).isEqualTo(spool.bytesOnDisk());
        }
        assertThat(accepted).isBetween(20, 40);
        assertThat(refused).isEqualTo(100 - accepted);
        assertThat(spool.counts().refused()).isEqualTo(refused);
        for (SpoolRecord r : drain(spool)) {
            spool.completed(r.seq(), true);
        }
        assertThat(spool.append(1, value(1), 1)).isEqualTo(accepted + 1L);
        spool.close();
    }

    @Test
    void aFailedMessageIsSentAgainInOrderAfterTheBackOff() {
        DiskSpool spool = open(root.resolve("p"));
        append(spool, 0, 3);
        List<SpoolRecord> first = drain(spool);
        spool.completed(1, true);
        spool.completed(2, false);
        assertThat(spool.nextToSend()).as("record 3 still in flight").isNull();
        spool.completed(3, false);
        assertThat(spool.waitsToRetry()).isTrue();
        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> !spool.waitsToRetry());
        assertThat(seqs(drain(spool))).containsExactly(2L, 3L);
        assertThat(first).hasSize(3);
        spool.completed(2, true);
        spool.completed(3, true);
        spool.maintain();
        assertThat(spool.watermark()).isEqualTo(3);
        assertThat(spool.hasWork()).isFalse();
        spool.close();
    }

    @Test
    void aSegmentLeftBehindBetweenWatermarkAndDeletionIsDeletedAtStart() throws IOException {
        Path dir = root.resolve("p");
        DiskSpool spool = open(dir);
        append(spool, 0, 20);
        spool.close();
        List<Path> before = segments(dir);
        long lastOfFirst = SpoolFormat.seqOfName(before.get(1).getFileName().toString()) - 1;
        // The watermark was persisted past the first segment, then the process died before deleting it.
        Watermark.write(dir, lastOfFirst, true);
        DiskSpool again = open(dir);
        assertThat(Files.exists(before.get(0))).isFalse();
        assertThat(seqs(drain(again))).containsExactlyElementsOf(seqList(lastOfFirst + 1, 20));
        again.close();
    }

    @Test
    void hostileFilesInTheDirectoryNeverThrowAllocateOrLoop() throws IOException {
        Path dir = root.resolve("hostile");
        Files.createDirectories(dir);
        Random random = new Random(14);
        byte[] garbage = new byte[10_000];
        random.nextBytes(garbage);
        Files.write(dir.resolve(SpoolFormat.segmentName(1)), garbage);
        Files.write(dir.resolve(SpoolFormat.segmentName(2)), new byte[0]);
        Files.write(dir.resolve(SpoolFormat.segmentName(3)), SpoolFormat.header(3));
        Files.createDirectories(dir.resolve(SpoolFormat.segmentName(4)));
        // A header, then a record claiming 2 GiB.
        ByteBuffer claim = ByteBuffer.allocate(64);
        claim.put(SpoolFormat.header(5)).putInt(Integer.MAX_VALUE - 8).putInt(0);
        Files.write(dir.resolve(SpoolFormat.segmentName(5)), claim.array());
        // A sparse 2 GiB file of zeros: its first length is 0.
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(SpoolFormat.segmentName(6)).toFile(), "rw")) {
            f.write(SpoolFormat.header(6));
            f.setLength(2L * 1024 * 1024 * 1024);
        }
        Files.write(dir.resolve("99999999999999999999.seg"), garbage);
        Files.write(dir.resolve("not-a-segment.seg"), garbage);
        Files.write(dir.resolve(Watermark.FILE), garbage);
        Files.write(dir.resolve("acked.tmp"), garbage);

        DiskSpool spool = open(options(dir, 8L * 1024 * 1024 * 1024, 64 * 1024));
        assertThat(drain(spool)).isEmpty();
        long seq = spool.append(1, value(1), 1);
        assertThat(seq).isGreaterThan(5);
        spool.close();
        DiskSpool again = open(options(dir, 8L * 1024 * 1024 * 1024, 64 * 1024));
        assertThat(seqs(drain(again))).containsExactly(seq);
        again.close();
    }

    @Test
    void aSecondSpoolOnTheSameDirectoryIsRefusedAndTheFirstGoesOn() {
        Path dir = root.resolve("p");
        DiskSpool first = open(dir);
        DiskSpool.Opened second = DiskSpool.open(options(dir, 1024 * 1024, SEGMENT), () -> { });
        assertThat(second.spool().isOn()).isFalse();
        assertThat(second.problem()).contains("in use").contains(dir.toString());
        assertThat(first.append(1, value(1), 1)).isEqualTo(1);
        first.close();
        DiskSpool third = open(dir);
        third.close();
    }

    @Test
    void aDirectoryThatCannotBeWrittenGivesNoSpoolAndAReason() throws IOException {
        Path file = root.resolve("a-file");
        Files.writeString(file, "in the way");
        DiskSpool.Opened o = DiskSpool.open(options(file.resolve("p"), 1024 * 1024, SEGMENT), () -> { });
        assertThat(o.spool().isOn()).isFalse();
        assertThat(o.problem()).contains("cannot be used").contains("shipping without the spool");
    }

    @Test
    void programDirectoriesNeverCollideNorEscape() {
        Path base = Path.of("/spool");
        assertThat(SpoolOptions.programDirectory(base, "billing-api_2.x")).isEqualTo(base.resolve("billing-api_2.x"));
        assertThat(SpoolOptions.programDirectory(base, "..")).isEqualTo(base.resolve("%2E."));
        assertThat(SpoolOptions.programDirectory(base, "a/b")).isEqualTo(base.resolve("a%2Fb"));
        assertThat(SpoolOptions.programDirectory(base, "a%2Fb")).isEqualTo(base.resolve("a%252Fb"));
        assertThat(SpoolOptions.programDirectory(base, "")).isEqualTo(base.resolve("%"));
    }

    private static List<Long> seqList(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(s);
        }
        return out;
    }

    private Path copyOf(Path dir, String name) throws IOException {
        Path copy = root.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.collect(Collectors.toList())) {
                if (!p.getFileName().toString().equals(DiskSpool.LOCK_FILE)) {
                    Files.copy(p, copy.resolve(p.getFileName()));
                }
            }
        }
        return copy;
    }

    private static void flipBit(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x10);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
