package io.logshipper.internal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The Kafka record headers on every log message: {@code host} (this machine's name) and {@code content-type}
 * ({@code application/json}, the envelope's type in either entry format), then the configured ones, which replace
 * a default of the same name or, with an empty value, leave it out. A consumer that ignores headers sees the key
 * and value exactly as before.
 *
 * <p>The host name is looked up once per JVM, on the first shipper's thread that needs it (a name lookup may wait
 * on DNS), never on a logging thread.
 */
public final class LogHeaders {

    /** The header naming the host that sent a message. */
    public static final String HOST = "host";
    /** The header naming the value's media type. */
    public static final String CONTENT_TYPE = "content-type";
    /** The envelope's media type. */
    public static final String JSON = "application/json";

    private LogHeaders() {
    }

    /** The headers for log messages with these configured ones. May wait on a name lookup: shipper's thread only. */
    public static List<Header> forLogs(Map<String, String> configured) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(HOST, HostName.NAME);
        all.put(CONTENT_TYPE, JSON);
        configured.forEach((name, value) -> {
            if (value.isEmpty()) {
                all.remove(name);
            } else {
                // A default replaced keeps its place.
                all.put(name, value);
            }
        });
        List<Header> out = new ArrayList<>(all.size());
        all.forEach((name, value) -> out.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return List.copyOf(out);
    }

    /** This machine's name: the local host's, else {@code HOSTNAME} or {@code COMPUTERNAME}, else "unknown". */
    static final class HostName {
        static final String NAME = lookUp();

        private HostName() {
        }

        private static String lookUp() {
            try {
                String name = InetAddress.getLocalHost().getHostName();
                if (name != null && !name.isBlank()) {
                    return name;
                }
            } catch (Exception | LinkageError e) {
                // No resolvable local name (a container without /etc/hosts entry): the environment may say.
            }
            for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
                String value = System.getenv(variable);
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
            return "unknown";
        }
    }
}
