package io.logshipper.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The scanner every security test relies on finds what it must, and never prints what it found. */
class PrintedSecretsTest {

    @Test
    void findsEveryKindOfRegisteredSecretAndNamesItOnlyByAHint() {
        PrintedSecrets.register("scan-test-password-1x");

        assertThatThrownBy(() -> PrintedSecrets.assertNoneIn("a status message", "oops: scan-test-password-1x!"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("a status message shows 1 secret(s): ['sca…' (21 characters)]")
                .hasMessageNotContaining("scan-test-password-1x");
        PrintedSecrets.assertNoneIn("clean text", "nothing secret here");
    }

    @Test
    void findsTheSignatureOfAJwtPrintedWithoutItsHeader() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLW9mLXRoZS1zY2FuLXRlc3Q";
        PrintedSecrets.register(jwt);

        assertThat(PrintedSecrets.foundIn("token …c2lnbmF0dXJlLW9mLXRoZS1zY2FuLXRlc3Q")).hasSize(1);
    }

    @Test
    void findsAnyLineOfATestPrivateKeyAndTheKeystorePassword() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        List<String> key = Files.readAllLines(certs.clientKeyPem());

        assertThat(PrintedSecrets.foundIn("dump: " + key.get(5))).isNotEmpty();
        assertThat(PrintedSecrets.foundIn("ssl.keystore.password=" + TestCertificates.PASSWORD)).isNotEmpty();
    }

    @Test
    void theSecuredExtensionRegistersItsPasswordsAndTokens() {
        assertThat(PrintedSecrets.foundIn(SecuredKafkaExtension.SCRAM_PASSWORD + SecuredKafkaExtension.PLAIN_PASSWORD))
                .hasSize(2);
        try (TestTokenServer server = TestTokenServer.start().client("scan-client", "scan-client-secret-9")
                .refreshToken("scan-refresh-token-3", "x")) {
            assertThat(PrintedSecrets.foundIn("scan-client-secret-9 scan-refresh-token-3")).hasSize(2);
        }
    }

    @Test
    void capturedOutputCopiesWhatIsPrintedAndStillPassesItOn() {
        PrintStream realErr = System.err;
        ByteArrayOutputStream passedOn = new ByteArrayOutputStream();
        System.setErr(new PrintStream(passedOn, true, StandardCharsets.UTF_8));
        try {
            CapturedOutput.Recording recording = CapturedOutput.record();
            System.err.println("printed by mistake: " + SecuredKafkaExtension.SCRAM_PASSWORD);
            assertThatThrownBy(() -> recording.stopAndCheck("this test's output")).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("this test's output shows 1 secret(s)");
        } finally {
            System.setErr(realErr);
        }
        assertThat(passedOn.toString(StandardCharsets.UTF_8)).contains("printed by mistake");
    }
}
