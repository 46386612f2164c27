package io.logshipper.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.logshipper.testing.Hostile;

class SafeTextTest {

    @Test
    void writesAHostileExceptionWithAPlaceholderForEachPartThatThrows() {
        RuntimeException wrapper = new RuntimeException("outer", Hostile.exception());
        String trace = SafeText.stackTrace(wrapper);
        assertThat(trace).startsWith("java.lang.RuntimeException: outer\n\tat ")
                .contains("Caused by: " + Hostile.HostileException.class.getName()
                        + " [logshipper: toString() threw java.lang.IllegalStateException]:"
                        + " [logshipper: getMessage() threw java.lang.IllegalStateException]")
                .endsWith("\t[logshipper: getStackTrace() threw java.lang.IllegalStateException]");
    }

    @Test
    void writesATraceThatDoesNotThrowAsPrintStackTraceDoes() {
        IllegalStateException e = new IllegalStateException("plain");
        assertThat(SafeText.stackTrace(e)).startsWith("java.lang.IllegalStateException: plain")
                .doesNotEndWith("\n");
        assertThat(SafeText.stackTrace(null)).isNull();
    }

    @Test
    void replacesAValueWhoseToStringThrows() {
        assertThat(SafeText.valueOf(Hostile.argument()))
                .isEqualTo("[logshipper: toString() threw java.lang.UnsupportedOperationException]");
        assertThat(SafeText.valueOf(7)).isEqualTo("7");
    }
}
