package io.logshipper.logback;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.MDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.ShippedRecord;

/** Configures Logback from the XML fixtures and reads back what the appender shipped. */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A fresh context configured from {@code fixtures/<name>.xml} with {@code ${key}} properties. */
    static LoggerContext context(String name, Map<String, String> properties) {
        LoggerContext context = new LoggerContext();
        context.setName(name);
        // As Logback's SLF4J provider does for its own context: without it, org.slf4j.MDC would not reach events.
        context.setMDCAdapter(MDC.getMDCAdapter());
        configure(context, name, properties);
        return context;
    }

    /** Resets {@code context} and configures it from {@code fixtures/<name>.xml}. */
    static void configure(LoggerContext context, String name, Map<String, String> properties) {
        context.reset();
        properties.forEach(context::putProperty);
        configure(context, Fixtures.class.getResource("/fixtures/" + name + ".xml"));
    }

    /** Resets {@code context} and configures it from a resource. */
    static void configure(LoggerContext context, URL xml) {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(xml);
        } catch (JoranException e) {
            throw new IllegalStateException("could not configure Logback from " + xml, e);
        }
    }

    /** The context's status messages at exactly {@code level} ({@link Status#WARN}, {@link Status#ERROR}...). */
    static List<String> statuses(LoggerContext context, int level) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == level)
                .map(Status::getMessage)
                .collect(Collectors.toList());
    }

    /** Every entry of every message on the topic, in order, with the key of its message. */
    static List<Shipped> shipped(KafkaBroker broker, String topic) {
        List<Shipped> out = new ArrayList<>();
        for (ShippedRecord record : broker.readAll(topic)) {
            JsonNode value = parse(record.value());
            for (JsonNode entry : value.get("messages")) {
                out.add(new Shipped(record.key(), entry));
            }
        }
        return out;
    }

    /** The text entries that are not the shipper's own notices. */
    static List<String> texts(KafkaBroker broker, String topic) {
        return shipped(broker, topic).stream()
                .filter(s -> s.entry().isTextual())
                .map(s -> s.entry().asText())
                .filter(t -> !t.startsWith("logshipper:"))
                .collect(Collectors.toList());
    }

    /** The JSON object entries that the application logged (not the shipper's own notices). */
    static List<JsonNode> objects(KafkaBroker broker, String topic) {
        return shipped(broker, topic).stream()
                .map(Shipped::entry)
                .filter(JsonNode::isObject)
                .filter(e -> !"io.logshipper".equals(e.path("logger").asText()))
                .collect(Collectors.toList());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** One shipped entry and the key of the message that carried it. */
    record Shipped(String key, JsonNode entry) {
    }
}
