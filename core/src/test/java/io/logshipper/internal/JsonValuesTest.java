package io.logshipper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Both ways an event's value becomes JSON: jackson-databind when present, logshipper's own writer otherwise. */
@Timeout(30)
class JsonValuesTest {

    /** A record as an application would send it. */
    public record Order(String id, double total, List<String> items, State state, Optional<String> note) {
    }

    /** An enum value. */
    public enum State { OPEN, PAID }

    @Test
    void theOwnWriterWritesMapsListsArraysRecordsAndScalarsAsDatabindWould() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("order", new Order("o-1", 12.5, List.of("a", "b"), State.PAID, Optional.empty()));
        value.put("ints", new int[] {1, 2, 3});
        value.put("nothing", null);
        value.put("yes", true);
        value.put("big", new java.math.BigDecimal("12345678901234567890.5"));
        value.put("when", Instant.parse("2026-01-02T03:04:05Z"));
        value.put("text", "ünï \"quoted\" \n line");

        String own = new String(JsonValues.writeWithoutDatabind(value, 1 << 20), StandardCharsets.UTF_8);

        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(own)).isEqualTo(mapper.readTree("{\"order\":{\"id\":\"o-1\",\"total\":12.5,"
                + "\"items\":[\"a\",\"b\"],\"state\":\"PAID\",\"note\":null},\"ints\":[1,2,3],\"nothing\":null,"
                + "\"yes\":true,\"big\":12345678901234567890.5,\"when\":\"2026-01-02T03:04:05Z\","
                + "\"text\":\"ünï \\\"quoted\\\" \\n line\"}"));
        assertThat(JsonValues.usesDatabind()).isTrue();
        Map<String, Object> plain = Map.of("id", "o-1", "n", 3, "list", List.of(1, "x", false));
        assertThat(mapper.readTree(JsonValues.write(plain, 1 << 20)))
                .isEqualTo(mapper.readTree(JsonValues.writeWithoutDatabind(plain, 1 << 20)));
    }

    @Test
    void hostileValuesFailWithAnErrorNotAnOutOfMemoryOrAStackOverflow() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> JsonValues.writeWithoutDatabind(cycle, 1 << 20)).hasMessageContaining("nested");
        assertThatThrownBy(() -> JsonValues.write(cycle, 1 << 20)).isInstanceOf(Exception.class);
        List<String> huge = java.util.Collections.nCopies(10_000_000, "xxxxxxxxxx");
        assertThatThrownBy(() -> JsonValues.writeWithoutDatabind(huge, 1 << 20))
                .isInstanceOf(JsonValues.TooLargeException.class);
        assertThatThrownBy(() -> JsonValues.write(huge, 1 << 20)).isInstanceOf(JsonValues.TooLargeException.class);
        assertThatThrownBy(() -> JsonValues.writeWithoutDatabind(new Object(), 1 << 20))
                .hasMessageContaining("without jackson-databind");
    }
}
