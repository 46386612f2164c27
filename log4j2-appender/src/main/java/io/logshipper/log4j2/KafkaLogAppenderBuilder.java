package io.logshipper.log4j2;

import java.io.Serializable;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.status.StatusLogger;

import io.logshipper.EntryFormat;

/**
 * Builds a {@link KafkaLogAppender}. Every attribute is read as text and checked here, so that a mistake is
 * reported through the StatusLogger as {@code KafkaLog 'NAME': attribute X ...}; the builder then returns null
 * and Log4j goes on without this appender.
 *
 * @param <B> the builder type
 */
public class KafkaLogAppenderBuilder<B extends KafkaLogAppenderBuilder<B>> extends AbstractAppender.Builder<B>
        implements org.apache.logging.log4j.core.util.Builder<KafkaLogAppender> {

    private static final Logger STATUS = StatusLogger.getLogger();

    @PluginBuilderAttribute
    private String configFile;
    @PluginBuilderAttribute
    private String bootstrapServers;
    @PluginBuilderAttribute
    private String topic;
    @PluginBuilderAttribute
    private String programId;
    @PluginBuilderAttribute
    private String intervalSecs;
    @PluginBuilderAttribute
    private String entryFormat;
    @PluginBuilderAttribute
    private String sendWhenIdle;
    @PluginBuilderAttribute
    private String maxBufferedEntries;
    @PluginBuilderAttribute
    private String maxBufferedBytes;
    @PluginBuilderAttribute
    private String maxMessageBytes;
    @PluginBuilderAttribute
    private String closeTimeoutSecs;

    /** An INI file with {@code [broker]} and {@code [log]} sections; attributes override it. */
    public B setConfigFile(String value) {
        this.configFile = value;
        return asBuilder();
    }

    /** Kafka {@code bootstrap.servers}. */
    public B setBootstrapServers(String value) {
        this.bootstrapServers = value;
        return asBuilder();
    }

    /** The topic to produce to. */
    public B setTopic(String value) {
        this.topic = value;
        return asBuilder();
    }

    /** The program id; messages are keyed {@code <programId>_log}. */
    public B setProgramId(String value) {
        this.programId = value;
        return asBuilder();
    }

    /** Decimal seconds between messages. */
    public B setIntervalSecs(String value) {
        this.intervalSecs = value;
        return asBuilder();
    }

    /** {@code text} or {@code json}. */
    public B setEntryFormat(String value) {
        this.entryFormat = value;
        return asBuilder();
    }

    /** Whether to send a message when nothing was logged. */
    public B setSendWhenIdle(String value) {
        this.sendWhenIdle = value;
        return asBuilder();
    }

    /** Cap on buffered entries. */
    public B setMaxBufferedEntries(String value) {
        this.maxBufferedEntries = value;
        return asBuilder();
    }

    /** Cap on buffered characters of entry text. */
    public B setMaxBufferedBytes(String value) {
        this.maxBufferedBytes = value;
        return asBuilder();
    }

    /** Largest message value in bytes. */
    public B setMaxMessageBytes(String value) {
        this.maxMessageBytes = value;
        return asBuilder();
    }

    /** Decimal seconds that stopping may take. */
    public B setCloseTimeoutSecs(String value) {
        this.closeTimeoutSecs = value;
        return asBuilder();
    }

    /** The appender, or null (after a StatusLogger error naming the attribute) when a setting is wrong. */
    @Override
    public KafkaLogAppender build() {
        String name = getName();
        try {
            AppenderSettings.Resolved resolved = settings().resolve();
            Layout<? extends Serializable> layout = getLayout();
            if (layout != null && resolved.config().entryFormat() == EntryFormat.JSON) {
                STATUS.warn("KafkaLog '{}': the layout is not used with entryFormat=\"json\"", name);
            }
            return new KafkaLogAppender(name, getFilter(), layout, isIgnoreExceptions(), resolved,
                    EventCapture.withLayout(layout, getConfiguration()));
        } catch (IllegalArgumentException e) {
            STATUS.error("KafkaLog '{}': {}", name, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            STATUS.error("KafkaLog '{}': cannot be created: {}", name, e, e);
        }
        return null;
    }

    private AppenderSettings settings() {
        AppenderSettings s = new AppenderSettings();
        s.configFile = configFile;
        s.bootstrapServers = bootstrapServers;
        s.topic = topic;
        s.programId = programId;
        s.intervalSecs = intervalSecs;
        s.entryFormat = entryFormat;
        s.sendWhenIdle = sendWhenIdle;
        s.maxBufferedEntries = maxBufferedEntries;
        s.maxBufferedBytes = maxBufferedBytes;
        s.maxMessageBytes = maxMessageBytes;
        s.closeTimeoutSecs = closeTimeoutSecs;
        s.properties = getPropertyArray();
        return s;
    }
}
