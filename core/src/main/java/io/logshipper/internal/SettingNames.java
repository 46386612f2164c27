package io.logshipper.internal;

import java.util.Collection;

/**
 * Helpers for naming settings in error messages: the closest known name for a misspelt one, and
 * {@link #quoted} for echoing a name or value that may be arbitrarily long or contain control characters.
 *
 * <p>Both are safe on hostile input: {@link #closest} gives up on names longer than
 * {@value #MAX_SUGGESTABLE_LENGTH} characters and skips candidates whose length alone rules them out, and
 * {@link #quoted} never echoes more than about {@value #QUOTED_PREFIX} characters of a long text.
 */
public final class SettingNames {

    /** Names longer than this get no suggestion: no known setting is that long, and comparing would be slow. */
    static final int MAX_SUGGESTABLE_LENGTH = 200;

    /** Text up to this length is echoed whole by {@link #quoted}. */
    static final int QUOTED_MAX = 80;

    /** How much of a longer text {@link #quoted} echoes. */
    static final int QUOTED_PREFIX = 60;

    private SettingNames() {
    }

    /**
     * Finds the candidate closest to {@code name} by edit distance.
     *
     * @param name       the unknown name
     * @param candidates the known names; the first of several equally close ones wins
     * @return the closest candidate, or null when none is within {@code max(2, name.length() / 3)} edits or
     *         the name is longer than {@value #MAX_SUGGESTABLE_LENGTH} characters
     */
    public static String closest(String name, Collection<String> candidates) {
        if (name == null || name.length() > MAX_SUGGESTABLE_LENGTH) {
            return null;
        }
        int allowed = Math.max(2, name.length() / 3);
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : candidates) {
            // Only a strictly closer candidate can replace the best, so search just below it.
            int limit = bestDistance - 1;
            if (candidate == null || Math.abs(candidate.length() - name.length()) > limit) {
                continue;
            }
            int d = distanceAtMost(name, candidate, limit);
            if (d <= limit) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /**
     * Builds the suggestion suffix for an unknown name.
     *
     * @param name       the unknown name
     * @param candidates the known names
     * @return {@code " (did you mean 'x'?)"}, or {@code ""} when {@link #closest} finds nothing
     */
    public static String didYouMean(String name, Collection<String> candidates) {
        String c = closest(name, candidates);
        return c == null ? "" : " (did you mean " + quoted(c) + "?)";
    }

    /**
     * Quotes a name or value for an error message. Text of up to {@value #QUOTED_MAX} characters comes back
     * whole as {@code 'text'}; longer text as its first {@value #QUOTED_PREFIX} or so characters followed by
     * {@code …' (N characters)}, so a megabyte key never ends up in a message in full. Control characters
     * are written as escapes ({@code \n}, {@code \t}, {@code \r}, {@code \}{@code u0000}), so text from a
     * binary file cannot move a terminal's cursor or hide the rest of the message.
     *
     * @param text the text to echo; null is shown as {@code 'null'}
     * @return the quoted, possibly shortened, text
     */
    public static String quoted(String text) {
        String s = String.valueOf(text);
        if (s.length() <= QUOTED_MAX) {
            return "'" + escapeControls(s) + "'";
        }
        int end = QUOTED_PREFIX;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // do not cut a character in half
        }
        return "'" + escapeControls(s.substring(0, end)) + "\u2026' (" + s.length() + " characters)";
    }

    private static String escapeControls(String s) {
        int i = 0;
        while (i < s.length() && !Character.isISOControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it is known to exceed {@code limit}. */
    private static int distanceAtMost(String a, String b, int limit) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1; // every later row is at least this large
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
