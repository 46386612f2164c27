package io.logshipper;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.ShippedRecord;

/** Reads shipped messages back from the broker and parses them, for assertions. */
final class Shipped {

    static final ObjectMapper JSON = new ObjectMapper();

    private Shipped() {
    }

    /** Every message on the topic, parsed. */
    static List<JsonNode> messages(KafkaBroker broker, String topic) {
        List<JsonNode> out = new ArrayList<>();
        for (ShippedRecord r : broker.readAll(topic)) {
            out.add(parse(r.value()));
        }
        return out;
    }

    /** Every entry of every message on the topic, in order. */
    static List<JsonNode> entries(KafkaBroker broker, String topic) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : messages(broker, topic)) {
            m.get("messages").forEach(out::add);
        }
        return out;
    }

    /** The text entries of the topic, notices from logshipper itself excluded. */
    static List<String> texts(KafkaBroker broker, String topic) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : entries(broker, topic)) {
            if (e.isTextual() && !e.asText().contains(" io.logshipper - logshipper: ")) {
                out.add(e.asText());
            }
        }
        return out;
    }

    static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }
}
