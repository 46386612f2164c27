package io.logshipper.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.logshipper.LogEntry;

/**
 * Cuts an entry that is too large for a message down to a byte budget, keeping as much as it can: fields that
 * are short stay as they are, the largest are cut first, to a common length (water filling), each cut one ending
 * in {@link BatchEncoder#TRUNCATION_MARKER}. The MDC and the markers compete as one field each with the message,
 * the exception and the names; inside them their keys, values and names are cut the same way, and when that
 * would leave less than {@link #MIN_KEPT_BYTES} of each, trailing items are left out instead and counted in a
 * final item. Sizes are the bytes {@link EntryWriter} writes for a string (UTF-8, JSON escapes), so one pass
 * nearly always fits; the encoder checks and asks again with a smaller budget when not.
 * Used only on the encoder's slow path, for entries that did not fit.
 */
final class EntryCutter {

    /** Below this many bytes kept of each value, dropping trailing MDC entries or markers keeps more. */
    static final int MIN_KEPT_BYTES = 64;
    /** The MDC key of the item that says how many MDC entries were left out. */
    static final String MDC_OMISSION_KEY = "logshipper.truncated";
    static final String OMISSION_MARKER = "... [truncated by logshipper: %d of %d %s kept]";

    private static final int MDC_ITEM_OVERHEAD = 2 + 1 + 4 + 1; // quotes, colon, "null" (or quotes), comma
    private static final int MARKER_ITEM_OVERHEAD = 2 + 1; // quotes, comma

    private EntryCutter() {
    }

    /**
     * The text cut so that, written as a JSON string, it takes at most {@code budget} bytes with its quotes;
     * never less than the marker alone.
     */
    static String cutText(String s, long budget) {
        return cutTo(s, budget - 2);
    }

    /**
     * The entry cut so that it encodes to at most {@code budget} bytes, given that uncut it encodes to
     * {@code encodedLength} bytes. Fields that are null stay null; time is never cut.
     */
    static LogEntry cutEntry(LogEntry e, int encodedLength, long budget) {
        String[] fields = {e.level(), e.logger(), e.thread(), e.message(), e.exception()};
        Group mdc = Group.mdc(e.mdc());
        Group markers = Group.markers(e.markers());
        long[] sizes = new long[fields.length + 2];
        long[] cutCosts = new long[sizes.length];
        long content = 0;
        for (int i = 0; i < fields.length; i++) {
            sizes[i] = fields[i] == null ? 0 : jsonBytes(fields[i]);
            cutCosts[i] = fields[i] == null ? 0 : markerBytes(fields[i].length());
            content += sizes[i];
        }
        sizes[5] = mdc.size();
        cutCosts[5] = mdc.omissionCost();
        sizes[6] = markers.size();
        cutCosts[6] = markers.omissionCost();
        content += sizes[5] + sizes[6];
        long fixed = encodedLength - content;
        long cap = Math.max(0, waterLevel(sizes, cutCosts, budget - fixed));

        LogEntry.Builder b = e.toBuilder();
        String[] cut = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            cut[i] = fields[i] == null || sizes[i] <= cap + cutCosts[i] ? fields[i]
                    : cutTo(fields[i], cap + cutCosts[i]);
        }
        b.level(cut[0]).logger(cut[1]).thread(cut[2]).message(cut[3]).exception(cut[4]);
        if (sizes[5] > cap + cutCosts[5]) {
            b.mdc(mdc.cutMdc(cap + cutCosts[5]));
        }
        if (sizes[6] > cap + cutCosts[6]) {
            b.markers(markers.cutMarkers(cap + cutCosts[6]));
        }
        return b.build();
    }

    /** The smallest form of the entry: every field reduced to its marker, MDC and markers to a count. */
    static LogEntry minimal(LogEntry e) {
        LogEntry.Builder b = e.toBuilder().level(cutToChars(e.level(), 0)).logger(cutToChars(e.logger(), 0))
                .thread(cutToChars(e.thread(), 0)).message(cutToChars(e.message(), 0))
                .exception(cutToChars(e.exception(), 0));
        if (!e.mdc().isEmpty()) {
            b.mdc(Map.of(MDC_OMISSION_KEY, omission(0, e.mdc().size(), "entries")));
        }
        if (!e.markers().isEmpty()) {
            b.markers(List.of(omission(0, e.markers().size(), "markers")));
        }
        return b.build();
    }

    /**
     * The largest level L such that cutting every part larger than {@code L + cutCost} down to that size
     * keeps the total within {@code budget}; -1 if even L = 0 is too much.
     */
    static long waterLevel(long[] sizes, long[] cutCosts, long budget) {
        long hi = 0;
        for (long s : sizes) {
            hi = Math.max(hi, s);
        }
        if (total(sizes, cutCosts, hi) <= budget) {
            return hi;
        }
        if (total(sizes, cutCosts, 0) > budget) {
            return -1;
        }
        long lo = 0;
        while (lo < hi - 1) {
            long mid = (lo + hi) >>> 1;
            if (total(sizes, cutCosts, mid) <= budget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long total(long[] sizes, long[] cutCosts, long level) {
        long sum = 0;
        for (int i = 0; i < sizes.length; i++) {
            sum += Math.min(sizes[i], level + cutCosts[i]);
        }
        return sum;
    }

    /** The string cut to at most {@code budget} JSON bytes, marker included (the marker alone if it must). */
    private static String cutTo(String s, long budget) {
        return cutToChars(s, charsWithin(s, budget - markerBytes(s.length())));
    }

    /** The first {@code n} characters (fewer rather than half a surrogate pair) and the marker. */
    static String cutToChars(String s, int n) {
        if (s == null) {
            return null;
        }
        n = Math.max(0, Math.min(n, s.length()));
        if (n > 0 && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--;
        }
        return s.substring(0, n) + String.format(BatchEncoder.TRUNCATION_MARKER, n, s.length());
    }

    /** An upper bound of the bytes of the marker for a string of this length. */
    static int markerBytes(int length) {
        int digits = String.valueOf(length).length();
        return BatchEncoder.TRUNCATION_MARKER.length() - 4 + 2 * digits;
    }

    private static String omission(int kept, int of, String what) {
        return String.format(OMISSION_MARKER, kept, of, what);
    }

    /** Bytes {@link EntryWriter} writes for the string inside its quotes. */
    static long jsonBytes(String s) {
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += charBytes(c);
            }
        }
        return n;
    }

    /** The most leading characters whose JSON bytes stay within {@code budget}; never half a surrogate pair. */
    static int charsWithin(String s, long budget) {
        long n = 0;
        int len = s.length();
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1));
            int bytes = pair ? 4 : charBytes(c);
            if (n + bytes > budget) {
                break;
            }
            n += bytes;
            i += pair ? 2 : 1;
        }
        return i;
    }

    private static int charBytes(char c) {
        if (c < 0x20) {
            return c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
        }
        if (c == '"' || c == '\\') {
            return 2;
        }
        if (c < 0x80) {
            return 1;
        }
        return c < 0x800 ? 2 : 3; // a lone surrogate is written as U+FFFD, 3 bytes
    }

    /** The MDC or the markers: items of one or two strings each, cut inside a budget of their own. */
    private static final class Group {
        final String[] leaves;
        final int perItem;
        final int itemOverhead;
        final String what;

        private Group(String[] leaves, int perItem, int itemOverhead, String what) {
            this.leaves = leaves;
            this.perItem = perItem;
            this.itemOverhead = itemOverhead;
            this.what = what;
        }

        static Group mdc(Map<String, String> mdc) {
            String[] leaves = new String[2 * mdc.size()];
            int i = 0;
            for (Map.Entry<String, String> m : mdc.entrySet()) {
                leaves[i++] = EntryWriter.mdcKey(m.getKey());
                leaves[i++] = m.getValue();
            }
            return new Group(leaves, 2, MDC_ITEM_OVERHEAD, "entries");
        }

        static Group markers(List<String> markers) {
            return new Group(markers.toArray(new String[0]), 1, MARKER_ITEM_OVERHEAD, "markers");
        }

        int items() {
            return leaves.length / perItem;
        }

        long size() {
            long n = (long) items() * itemOverhead;
            for (String s : leaves) {
                n += s == null ? 0 : jsonBytes(s);
            }
            return n;
        }

        /** The bytes of the item that counts what was left out. */
        long omissionCost() {
            long marker = omission(items(), items(), what).length();
            return perItem == 2 ? itemOverhead + MDC_OMISSION_KEY.length() + marker : itemOverhead + marker;
        }

        Map<String, String> cutMdc(long budget) {
            int[] kept = new int[1];
            String[] cut = cut(budget, kept);
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < kept[0]; i++) {
                String key = cut[2 * i];
                // Keys cut to the same prefix must not merge into one entry.
                for (int n = 2; out.containsKey(key); n++) {
                    key = cut[2 * i] + " #" + n;
                }
                out.put(key, cut[2 * i + 1]);
            }
            if (kept[0] < items()) {
                out.put(MDC_OMISSION_KEY, omission(kept[0], items(), what));
            }
            return out;
        }

        List<String> cutMarkers(long budget) {
            int[] kept = new int[1];
            String[] cut = cut(budget, kept);
            List<String> out = new ArrayList<>(kept[0] + 1);
            for (int i = 0; i < kept[0]; i++) {
                out.add(cut[i]);
            }
            if (kept[0] < items()) {
                out.add(omission(kept[0], items(), what));
            }
            return out;
        }

        /** The leaves cut to fit {@code budget}; {@code kept[0]} receives how many leading items stay. */
        private String[] cut(long budget, int[] kept) {
            long[] sizes = new long[leaves.length];
            long[] cutCosts = new long[leaves.length];
            for (int i = 0; i < leaves.length; i++) {
                sizes[i] = leaves[i] == null ? 0 : jsonBytes(leaves[i]);
                cutCosts[i] = leaves[i] == null ? 0 : markerBytes(leaves[i].length());
            }
            int items = items();
            long level = waterLevel(sizes, cutCosts, budget - (long) items * itemOverhead);
            int keep = items;
            if (level < MIN_KEPT_BYTES) {
                // Keep the leading items that fit at the minimum level, then give them the most they can have.
                long room = budget - omissionCost();
                long used = 0;
                keep = 0;
                while (keep < items) {
                    long item = itemOverhead;
                    for (int j = 0; j < perItem; j++) {
                        int leaf = keep * perItem + j;
                        item += Math.min(sizes[leaf], MIN_KEPT_BYTES + cutCosts[leaf]);
                    }
                    if (used + item > room) {
                        break;
                    }
                    used += item;
                    keep++;
                }
                int leafCount = keep * perItem;
                long[] keptSizes = Arrays.copyOf(sizes, leafCount);
                long[] keptCosts = Arrays.copyOf(cutCosts, leafCount);
                level = Math.max(0, waterLevel(keptSizes, keptCosts, room - (long) keep * itemOverhead));
            }
            kept[0] = keep;
            String[] out = new String[keep * perItem];
            for (int i = 0; i < out.length; i++) {
                String s = leaves[i];
                out[i] = s == null || sizes[i] <= level + cutCosts[i] ? s : cutTo(s, level + cutCosts[i]);
            }
            return out;
        }
    }
}
