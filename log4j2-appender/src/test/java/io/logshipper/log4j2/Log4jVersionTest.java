package io.logshipper.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/** Each surefire run says which Log4j it means to test ({@code log4jUnderTest}); this checks it got that one. */
class Log4jVersionTest {

    @Test
    void theTestsRunOnTheLog4jTheirRunNames() {
        String expected = System.getProperty("log4jUnderTest");
        assertThat(expected).as("log4jUnderTest, set by the POM").isNotBlank();
        assertThat(LoggerContext.class.getPackage().getImplementationVersion()).isEqualTo(expected);
        assertThat(LogManager.class.getPackage().getImplementationVersion()).isEqualTo(expected);
    }
}
