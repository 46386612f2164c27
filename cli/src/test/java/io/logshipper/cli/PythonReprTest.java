package io.logshipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The expected strings were printed by CPython 3 ({@code repr(...)} and {@code print(json.loads(...))}). */
@Timeout(30)
class PythonReprTest {

    @Test
    void floatsPrintAsPythonReprDoes() {
        assertThat(PythonRepr.floatRepr(1763866657.418)).isEqualTo("1763866657.418");
        assertThat(PythonRepr.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(PythonRepr.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonRepr.floatRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PythonRepr.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonRepr.floatRepr(0.00001)).isEqualTo("1e-05");
        assertThat(PythonRepr.floatRepr(123.0)).isEqualTo("123.0");
        assertThat(PythonRepr.floatRepr(-0.0)).isEqualTo("-0.0");
        assertThat(PythonRepr.floatRepr(5e-324)).isEqualTo("5e-324");
        assertThat(PythonRepr.floatRepr(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(PythonRepr.floatRepr(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(PythonRepr.floatRepr(9007199254740993.0)).isEqualTo("9007199254740992.0");
        assertThat(PythonRepr.floatRepr(-2.5e-7)).isEqualTo("-2.5e-07");
    }

    @Test
    void stringsPickQuotesAndEscapesAsPythonDoes() {
        assertThat(PythonRepr.str("plain")).isEqualTo("'plain'");
        assertThat(PythonRepr.str("it's")).isEqualTo("\"it's\"");
        assertThat(PythonRepr.str("it's \"both\"")).isEqualTo("'it\\'s \"both\"'");
        assertThat(PythonRepr.str("a\nb\tc\rd\\e")).isEqualTo("'a\\nb\\tc\\rd\\\\e'");
        assertThat(PythonRepr.str("\u0007\u007f\u00a0\u00ad\u2028")).isEqualTo("'\\x07\\x7f\\xa0\\xad\\u2028'");
        assertThat(PythonRepr.str("caf\u00e9 \u4e2d \uD83D\uDE00")).isEqualTo("'caf\u00e9 \u4e2d \uD83D\uDE00'");
        assertThat(PythonRepr.str("\uDB80\uDC00 \uD800")).isEqualTo("'\\U000f0000 \\ud800'");
    }

    @Test
    void parsedJsonPrintsAsPythonDict() throws Exception {
        String json = "{\"a\": [1, 2.5e-7, 1e16, 100.0, 12345678901234567890], \"b\": true, \"c\": false, "
                + "\"d\": null, \"e\": {}, \"f\": []}";
        assertThat(PythonRepr.repr(Envelope.JSON.readTree(json)))
                .isEqualTo("{'a': [1, 2.5e-07, 1e+16, 100.0, 12345678901234567890], 'b': True, 'c': False, "
                        + "'d': None, 'e': {}, 'f': []}");
    }
}
