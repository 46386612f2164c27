package io.logshipper.logback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The core's validation messages, as it words them, point at the element the user has to fix. */
@Timeout(10)
class ElementNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            topic is required                                                           | topic
            topic 'a b' is not a valid Kafka topic name: ...                            | topic
            programId must not be empty                                                 | programId
            interval must be > 0, not PT0S                                              | intervalSecs
            bootstrapServers (Kafka setting bootstrap.servers) is required             | bootstrapServers
            invalid Kafka producer setting 'bootstrap.servers': Invalid url             | bootstrapServers
            maxBufferedEntries must be > 0, not 0                                       | maxBufferedEntries
            maxBufferedBytes must be > 0, not -1                                        | maxBufferedBytes
            maxMessageBytes (2000000) must stay at least 512 bytes below max.request.size | maxMessageBytes
            closeTimeout must be >= 0, not PT-1S                                        | closeTimeoutSecs
            producer setting 'key.serializer' is set by logshipper and cannot be changed | producerConfig
            invalid Kafka producer setting 'acks': Invalid value maybe                  | producerConfig
            """)
    void aCoreMessageNamesTheElementToFix(String message, String element) {
        assertThat(ElementNames.forMessage(message)).isEqualTo(element);
    }
}
