package io.logshipper.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders parsed JSON the way Python 3 prints the result of {@code json.loads}: {@code dict}, {@code list},
 * {@code str}, {@code int}, {@code float}, {@code True}/{@code False}/{@code None}. The {@code raw} output format
 * must match the Python consumer character for character, so scripts written against it keep working.
 */
public final class PythonRepr {

    private static final int MAX_DOUBLE_DIGITS = 17;

    private PythonRepr() {
    }

    /**
     * The Python {@code repr} of the value {@code json.loads} would return for this JSON.
     *
     * @param node a JSON tree; JSON floats should be parsed as {@code BigDecimal} or {@code double}
     * @return e.g. {@code {'timestamp': 1763866657.418, 'messages': ['a', "it's"]}}
     */
    public static String repr(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        append(sb, node);
        return sb.toString();
    }

    private static void append(StringBuilder sb, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("None");
        } else if (node.isObject()) {
            sb.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                sb.append(str(field.getKey())).append(": ");
                append(sb, field.getValue());
                if (fields.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, node.get(i));
            }
            sb.append(']');
        } else if (node.isTextual()) {
            sb.append(str(node.textValue()));
        } else if (node.isBoolean()) {
            sb.append(node.booleanValue() ? "True" : "False");
        } else if (node.isIntegralNumber()) {
            sb.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            sb.append(floatRepr(node.isBigDecimal() ? node.decimalValue().doubleValue() : node.doubleValue()));
        } else {
            // Binary or POJO nodes never come out of a JSON parser; show something rather than fail.
            sb.append(str(node.asText()));
        }
    }

    /**
     * Python's {@code repr(str)}: single quotes unless the text holds a single quote and no double quote;
     * backslash escapes for the quote, backslash, tab, newline, carriage return and every character Python deems
     * unprintable ({@code \xNN}, {@code &#92;uNNNN}, {@code \UNNNNNNNN}).
     *
     * @param s the text
     * @return the quoted, escaped text
     */
    public static String str(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                sb.append('\\').append((char) cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f || isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        }
        return sb.append(quote).toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, in fixed notation
     * for decimal exponents from -4 to 15 (with a trailing {@code .0} for whole numbers), otherwise scientific
     * with a signed, at least two-digit exponent ({@code 1e+16}, {@code 1e-05}).
     *
     * @param d the value
     * @return e.g. {@code 1763866657.418}, {@code 5.0}, {@code 1e+16}, {@code inf}
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(d).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        // The value is 0.<digits> x 10^decimalPoint, the form Python's float formatting reasons in.
        int decimalPoint = digits.length() - shortest.scale();
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "");
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                sb.append("0.").append("0".repeat(-decimalPoint)).append(digits);
            } else if (decimalPoint >= digits.length()) {
                sb.append(digits).append("0".repeat(decimalPoint - digits.length())).append(".0");
            } else {
                sb.append(digits, 0, decimalPoint).append('.').append(digits.substring(decimalPoint));
            }
        } else {
            int exponent = decimalPoint - 1;
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits.substring(1));
            }
            sb.append('e').append(exponent < 0 ? '-' : '+').append(String.format("%02d", Math.abs(exponent)));
        }
        return sb.toString();
    }

    private static BigDecimal shortestRoundTrip(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision < MAX_DOUBLE_DIGITS; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                return rounded;
            }
        }
        return exact.round(new MathContext(MAX_DOUBLE_DIGITS, RoundingMode.HALF_EVEN));
    }

    /** Python's {@code str.isprintable} for one character: not Other (C*) and not a separator (Z*) but space. */
    private static boolean isPrintable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> {
                return cp == ' ';
            }
            default -> {
                return true;
            }
        }
    }
}
