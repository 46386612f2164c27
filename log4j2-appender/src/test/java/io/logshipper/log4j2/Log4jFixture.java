package io.logshipper.log4j2;

import java.net.URISyntaxException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.ShippedRecord;

/**
 * Points the JVM's default Log4j2 context (the one the Kafka client logs into through SLF4J) at an XML fixture,
 * passing broker, topic and friends as system properties that the fixture reads as {@code ${sys:...}}.
 */
final class Log4jFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SET = ConcurrentHashMap.newKeySet();

    private Log4jFixture() {
    }

    /** Reconfigures the default context from {@code resource} with these system properties set. */
    static LoggerContext use(String resource, Map<String, String> properties) {
        properties.forEach((k, v) -> {
            System.setProperty(k, v);
            SET.add(k);
        });
        LoggerContext ctx = LoggerContext.getContext(false);
        ctx.setConfigLocation(uri(resource));
        return ctx;
    }

    /**
     * A new all-async context of its own, configured from {@code resource}, started with these system properties
     * set, as a JVM started with them would be: Log4j reads {@code log4j2.asyncLoggerRingBufferSize} when a
     * context starts its ring buffer, and the JVM's default context started long before the test. The caller
     * stops it; {@link #quiet()} clears the properties.
     */
    static AsyncLoggerContext ownAsyncContext(String name, String resource, Map<String, String> properties) {
        properties.forEach((k, v) -> {
            System.setProperty(k, v);
            SET.add(k);
        });
        AsyncLoggerContext ctx = new AsyncLoggerContext(name, null, uri(resource));
        ctx.start();
        return ctx;
    }

    /** Back to a configuration without KafkaLog appenders, stopping (and so flushing) the current ones. */
    static void quiet() {
        LoggerContext.getContext(false).setConfigLocation(uri("quiet.xml"));
        SET.forEach(System::clearProperty);
        SET.clear();
    }

    static URI uri(String resource) {
        try {
            return Log4jFixture.class.getClassLoader().getResource(resource).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code messages} entries of every record in the topic, in order. */
    static List<JsonNode> entries(KafkaBroker broker, String topic) {
        List<JsonNode> out = new ArrayList<>();
        for (ShippedRecord r : broker.readAll(topic)) {
            try {
                JSON.readTree(r.value()).get("messages").forEach(out::add);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("not JSON: " + r.value(), e);
            }
        }
        return out;
    }

    /** The text entries that contain {@code marker}, in order. */
    static List<String> textEntries(KafkaBroker broker, String topic, String marker) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : entries(broker, topic)) {
            if (n.isTextual() && n.asText().contains(marker)) {
                out.add(n.asText());
            }
        }
        return out;
    }

    /** The keys of the records in the topic. */
    static List<String> keys(KafkaBroker broker, String topic) {
        List<String> out = new ArrayList<>();
        broker.readAll(topic).forEach(r -> out.add(r.key()));
        return out;
    }
}
