package io.logshipper.logback;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Stands for the application's other appenders: remembers which threads the Kafka client's own events came
 * from. Keeps only thread names, so a broker at TRACE in the same JVM cannot fill the heap.
 */
public class KafkaClientEventRecorder extends AppenderBase<ILoggingEvent> {

    /** Threads of the events recorded since the last {@link #clear()}, by every instance. */
    static final Queue<String> THREADS = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLoggerName().startsWith("org.apache.kafka.clients.producer") && THREADS.size() < 10_000) {
            THREADS.add(event.getThreadName());
        }
    }

    static void clear() {
        THREADS.clear();
    }
}
