package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.logshipper.spi.SelfLogging;

/** What must never be shipped of logshipper's own clients, and how to tell another client's lines. */
final class GuardChecks {

    private GuardChecks() {
    }

    /** Whether a JSON entry is a line of the Kafka client whose client id is {@code clientId}. */
    static boolean fromClient(JsonNode entry, String clientId) {
        return entry.isObject() && entry.path("message").asText().contains("clientId=" + clientId);
    }

    /** What logshipper's producers and admin client log carries their thread or their client id. */
    static void assertNothingOfLogshippersOwnClients(List<JsonNode> entries) {
        // The shipper's own notices (logger io.logshipper) are written on its thread, and are not events.
        List<JsonNode> shipped = entries.stream()
                .filter(e -> !"io.logshipper".equals(e.path("logger").asText()))
                .collect(Collectors.toList());
        assertThat(shipped).noneMatch(e -> SelfLogging.isInternalThreadName(e.path("thread").asText()));
        assertThat(shipped).extracting(e -> e.isObject() ? e.path("message").asText() : e.asText())
                .noneMatch(m -> m.contains("[Producer clientId=logshipper-")
                        || m.contains("[AdminClient clientId=logshipper-")
                        || m.contains("client.id = logshipper-"));
    }
}
