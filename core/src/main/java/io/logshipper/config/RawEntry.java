package io.logshipper.config;

/**
 * A key's value as written in the file, before environment expansion and interpolation.
 *
 * @param key     lower-cased key
 * @param value   trimmed value, continuation lines joined with {@code "\n"}
 * @param line    line of the key
 * @param literal true when the value came from the environment and must not be interpolated
 */
record RawEntry(String key, String value, int line, boolean literal) {
}
