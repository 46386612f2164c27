package io.logshipper.log4j2;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

import io.logshipper.spi.SelfLogging;

/**
 * Test appender {@code <Recording name="..."/>}: counts Kafka client events and those of logshipper's own clients
 * (without keeping them, as TRACE is chatty) and keeps the formatted messages of application events. Looked up by
 * name, so its data survive reconfiguration.
 */
@Plugin(name = "Recording", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class RecordingAppender extends AbstractAppender {

    private static final Map<String, Data> BY_NAME = new ConcurrentHashMap<>();

    /** What one named appender saw. */
    public static final class Data {
        final AtomicLong kafkaEvents = new AtomicLong();
        final AtomicLong ownClientEvents = new AtomicLong();
        final List<String> messages = new CopyOnWriteArrayList<>();

        /** Events from {@code org.apache.kafka} loggers. */
        public long kafkaEvents() {
            return kafkaEvents.get();
        }

        /** Events raised by logshipper's own clients (judged by the event's thread), whatever the logger. */
        public long ownClientEvents() {
            return ownClientEvents.get();
        }

        /** Formatted messages of all other events. */
        public List<String> messages() {
            return messages;
        }
    }

    private final Data data;

    private RecordingAppender(String name) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
        this.data = data(name);
    }

    /** Creates the appender. */
    @PluginFactory
    public static RecordingAppender create(@PluginAttribute("name") String name) {
        return new RecordingAppender(name);
    }

    /** The data recorded under {@code name}, created empty on first use. */
    public static Data data(String name) {
        return BY_NAME.computeIfAbsent(name, n -> new Data());
    }

    /** Forgets everything recorded. */
    public static void clear() {
        BY_NAME.clear();
    }

    @Override
    public void append(LogEvent event) {
        if (SelfLogging.isInternalThreadName(event.getThreadName())) {
            data.ownClientEvents.incrementAndGet();
        }
        if (SelfLogging.isKafkaClientLogger(event.getLoggerName())) {
            data.kafkaEvents.incrementAndGet();
        } else if (event.getLoggerName() != null && event.getLoggerName().startsWith("app")) {
            data.messages.add(event.getMessage().getFormattedMessage());
        }
    }
}
