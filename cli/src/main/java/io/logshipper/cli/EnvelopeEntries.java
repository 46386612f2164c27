package io.logshipper.cli;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The entries of the messages array. A text entry of printable ASCII without escapes (most log lines) is kept
 * as where its bytes are in the value: the JSON string's bytes are then exactly the entry's text, so it can be
 * copied to a file as it is, and becomes a {@link String} only when something asks for one.
 */
final class EnvelopeEntries {

    static final EnvelopeEntries NONE = new EnvelopeEntries(0);

    JsonNode[] nodes;
    /** Per entry, where its text starts in the value, or -1 when {@link #nodes} holds it. */
    int[] starts;
    int[] ends;
    int size;

    EnvelopeEntries(int capacity) {
        nodes = new JsonNode[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    void add(JsonNode node, int start, int end) {
        if (size == nodes.length) {
            int n = Math.max(16, size * 2);
            nodes = Arrays.copyOf(nodes, n);
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
        }
        nodes[size] = node;
        starts[size] = start;
        ends[size] = end;
        size++;
    }
}
