package io.logshipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.LogShipper;
import io.logshipper.LogShipperConfig;

class LibrdkafkaSettingsTest {

    private static final String PASSWORD = "pw-\"quoted\"-back\\slash-Zq9";
    private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIEsecretkeybytes\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path dir;

    private static LogShipperConfig config(String text) {
        return IniConfig.applyTo(LogShipper.builder(), IniFile.parse("app.ini", text, Map.<String, String>of()::get))
                .config();
    }

    private static Map<String, String> producer(String text) {
        return config(text).producerConfig();
    }

    private static String file(String body) {
        return "[broker]\nbootstrap.servers = broker:9093\n" + body + "[log]\ntopic = logs\n";
    }

    @Test
    void turnsUsernameAndPasswordIntoAPlainJaasConfigWithEscapedValues() {
        Map<String, String> p = producer(file("""
                security.protocol = SASL_SSL
                sasl.mechanism = PLAIN
                sasl.username = alice
                sasl.password = %s
                """.formatted(PASSWORD)));

        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"alice\" password=\"pw-\\\"quoted\\\"-back\\\\slash-Zq9\";")
                .doesNotContainKeys("sasl.username", "sasl.password");
    }

    @Test
    void acceptsLibrdkafkasPluralMechanismsAndPicksTheScramModule() {
        Map<String, String> p = producer(file("""
                sasl.mechanisms = scram-sha-512
                sasl.username = bob
                sasl.password = b
                """));

        assertThat(p).containsEntry("sasl.mechanism", "SCRAM-SHA-512").doesNotContainKey("sasl.mechanisms");
        assertThat(p.get("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bob\"");
    }

    @Test
    void renamesSaslMechanismsEvenWithoutCredentials() {
        assertThat(producer(file("sasl.mechanisms = PLAIN\nsasl.jaas.config = x required;\n")))
                .containsEntry("sasl.mechanism", "PLAIN").doesNotContainKey("sasl.mechanisms");
    }

    @Test
    void laysALogSectionPasswordOverTheBrokerSectionBeforeTranslating() {
        Map<String, String> p = producer("""
                [broker]
                bootstrap.servers = b:9092
                sasl.mechanism = PLAIN
                sasl.username = alice
                sasl.password = old
                [log]
                topic = logs
                sasl.password = new
                """);
        assertThat(p.get("sasl.jaas.config")).contains("password=\"new\"").doesNotContain("old");
    }

    @Test
    void turnsTheCaLocationIntoAPemTruststore() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), CERT);
        assertThat(producer(file("ssl.ca.location = " + ca + "\n")))
                .containsEntry("ssl.truststore.type", "PEM").containsEntry("ssl.truststore.location", ca.toString())
                .doesNotContainKey("ssl.ca.location");
    }

    @Test
    void readsTheCertificateAndKeyFilesIntoAPemKeystore() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), CERT);
        Path key = Files.writeString(dir.resolve("key.pem"), KEY);
        Map<String, String> p = producer(file("ssl.certificate.location = " + cert + "\nssl.key.location = " + key
                + "\n"));

        assertThat(p).containsEntry("ssl.keystore.type", "PEM").containsEntry("ssl.keystore.certificate.chain", CERT.strip())
                .containsEntry("ssl.keystore.key", KEY.strip())
                .doesNotContainKeys("ssl.certificate.location", "ssl.key.location");
    }

    @Test
    void aCertificateFileThatNeverEndsIsRefusedByNameNotRead() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), KEY);
        assertThatThrownBy(() -> config(file("ssl.certificate.location = /dev/zero\nssl.key.location = " + key
                + "\n")))
                .hasMessageStartingWith("app.ini:3: ssl.certificate.location names '/dev/zero', which is larger than "
                        + "4 MiB");
    }

    @Test
    void mapsLibrdkafkasNoneEndpointIdentificationToEmpty() {
        assertThat(producer(file("ssl.endpoint.identification.algorithm = none\n")))
                .containsEntry("ssl.endpoint.identification.algorithm", "");
    }

    @Test
    void dropsCertificateVerificationWhenItIsOn() {
        assertThat(producer(file("enable.ssl.certificate.verification = true\n")))
                .doesNotContainKey("enable.ssl.certificate.verification");
    }

    @Test
    void refusesTurningCertificateVerificationOffAndNamesTheJavaWay() {
        assertThatThrownBy(() -> config(file("enable.ssl.certificate.verification = false\n")))
                .hasMessage("app.ini:3: enable.ssl.certificate.verification cannot be turned off: the Java client"
                        + " always verifies the broker's certificate; trust it with ssl.ca.location or"
                        + " ssl.truststore.location");
    }

    @Test
    void namesTheJavaSettingForALibrdkafkaOnlySetting() {
        assertThatThrownBy(() -> config(file("sasl.oauthbearer.config = principal=alice\n")))
                .hasMessageStartingWith("app.ini:3: sasl.oauthbearer.config is a librdkafka setting the Java"
                        + " client does not have; use sasl.jaas.config with");
        assertThatThrownBy(() -> config(file("sasl.kerberos.keytab = /etc/k.keytab\n")))
                .hasMessageContaining("Krb5LoginModule");
    }

    @Test
    void turnsOidcClientCredentialsIntoKafkasOwnHandlerWithAnEscapedJaasConfig() {
        assumeKafkasOidcHandler();
        Map<String, String> p = producer(file("""
                security.protocol = SASL_SSL
                sasl.mechanisms = OAUTHBEARER
                sasl.oauthbearer.method = oidc
                sasl.oauthbearer.client.id = my-client
                sasl.oauthbearer.client.secret = %s
                sasl.oauthbearer.scope = logs write
                sasl.oauthbearer.token.endpoint.url = https://auth.example.org/token
                """.formatted(PASSWORD)));

        assertThat(p).containsEntry("sasl.mechanism", "OAUTHBEARER")
                .containsEntry("sasl.login.callback.handler.class",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler")
                .containsEntry("sasl.oauthbearer.token.endpoint.url", "https://auth.example.org/token")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"
                        + " required clientId=\"my-client\" clientSecret=\"pw-\\\"quoted\\\"-back\\\\slash-Zq9\""
                        + " scope=\"logs write\";")
                .doesNotContainKeys("sasl.oauthbearer.method", "sasl.oauthbearer.client.id",
                        "sasl.oauthbearer.client.secret", "sasl.oauthbearer.scope", "sasl.mechanisms");
    }

    @Test
    void oidcSetsTheMechanismWhenNoneIsGiven() {
        assumeKafkasOidcHandler();
        Map<String, String> p = producer(file("""
                sasl.oauthbearer.method = OIDC
                sasl.oauthbearer.client.id = c
                sasl.oauthbearer.client.secret = s3cret-x
                sasl.oauthbearer.token.endpoint.url = https://auth.example.org/token
                """));

        assertThat(p).containsEntry("sasl.mechanism", "OAUTHBEARER");
    }

    @Test
    void refusesIncompleteOrContradictoryOidcSettingsWithoutShowingTheSecret() {
        String endpoint = "sasl.oauthbearer.token.endpoint.url = https://auth.example.org/token\n";
        assertThatThrownBy(() -> config(file("sasl.oauthbearer.client.secret = hush-9f2\n")))
                .hasMessage("app.ini:3: sasl.oauthbearer.client.secret needs sasl.oauthbearer.method = oidc"
                        + " (librdkafka's client-credentials login)");
        assertThatThrownBy(() -> config(file("sasl.oauthbearer.method = oidc\nsasl.oauthbearer.client.id = c\n"
                + endpoint)))
                .hasMessage("app.ini:3: sasl.oauthbearer.method = oidc needs sasl.oauthbearer.client.secret too");
        assertThatThrownBy(() -> config(file("sasl.oauthbearer.method = oidc\nsasl.oauthbearer.client.id = c\n"
                + "sasl.oauthbearer.client.secret = hush-9f2\n")))
                .hasMessageContaining("needs sasl.oauthbearer.token.endpoint.url").hasMessageNotContaining("hush-9f2");
        assertThatThrownBy(() -> config(file("sasl.mechanism = PLAIN\nsasl.oauthbearer.method = oidc\n"
                + "sasl.oauthbearer.client.id = c\nsasl.oauthbearer.client.secret = hush-9f2\n" + endpoint)))
                .hasMessageContaining("works with the SASL mechanism OAUTHBEARER, not 'PLAIN'")
                .hasMessageNotContaining("hush-9f2");
        assertThatThrownBy(() -> config(file("sasl.oauthbearer.method = default\n")))
                .hasMessageContaining("'default' (librdkafka's unsecured JWT) has no Java equivalent");
    }

    @Test
    void needsAMechanismForAUsernameAndNeverShowsThePassword() {
        assertThatThrownBy(() -> config(file("sasl.username = alice\nsasl.password = " + PASSWORD + "\n")))
                .isInstanceOf(SettingException.class)
                .hasMessage("app.ini:3: sasl.username needs sasl.mechanism (or sasl.mechanisms): PLAIN, SCRAM-SHA-256"
                        + " or SCRAM-SHA-512")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void refusesAMechanismThatTakesNoPassword() {
        assertThatThrownBy(() -> config(file("sasl.mechanism = GSSAPI\nsasl.username = a\nsasl.password = p\n")))
                .hasMessageContaining("app.ini:4: sasl.username works with the SASL mechanisms PLAIN, SCRAM-SHA-256"
                        + " and SCRAM-SHA-512, not 'GSSAPI'");
    }

    @Test
    void needsBothUsernameAndPassword() {
        assertThatThrownBy(() -> config(file("sasl.mechanism = PLAIN\nsasl.password = " + PASSWORD + "\n")))
                .hasMessage("app.ini:4: sasl.password needs sasl.username too")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void refusesCredentialsGivenTwice() {
        assertThatThrownBy(() -> config(file("sasl.mechanism = PLAIN\nsasl.jaas.config = x required;\n"
                + "sasl.username = a\nsasl.password = p\n")))
                .hasMessage("app.ini:5: sasl.username and sasl.jaas.config both give credentials; give one of them");
    }

    @Test
    void refusesMechanismsThatDisagree() {
        assertThatThrownBy(() -> config(file("sasl.mechanism = PLAIN\nsasl.mechanisms = SCRAM-SHA-256\n")))
                .hasMessage("app.ini:4: sasl.mechanisms and sasl.mechanism disagree; give one of them");
    }

    @Test
    void namesAMissingCaFileWithItsLine() {
        assertThatThrownBy(() -> config(file("security.protocol = SSL\nssl.ca.location = /no/such/ca.pem\n")))
                .hasMessage("app.ini:4: ssl.ca.location names '/no/such/ca.pem', which is not a readable file");
    }

    @Test
    void refusesACaDirectoryAndProbe() {
        assertThatThrownBy(() -> config(file("ssl.ca.location = " + dir + "\n")))
                .hasMessageContaining("names the directory").hasMessageContaining("needs one PEM file");
        assertThatThrownBy(() -> config(file("ssl.ca.location = probe\n")))
                .hasMessageContaining("'probe' has no Java equivalent");
    }

    @Test
    void refusesAPkcs1KeyWithoutShowingIt() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), CERT);
        Path key = Files.writeString(dir.resolve("key.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretkeybytes\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> config(file("ssl.certificate.location = " + cert + "\nssl.key.location = " + key
                + "\n")))
                .hasMessageStartingWith("app.ini:4: ssl.key.location holds a PKCS#1 or SEC1 key")
                .hasMessageContaining("openssl pkcs8 -topk8").hasMessageNotContaining("MIIEsecretkeybytes");
    }

    @Test
    void needsTheKeyPasswordForAnEncryptedKey() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), CERT);
        Path key = Files.writeString(dir.resolve("key.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----\n");
        String both = "ssl.certificate.location = " + cert + "\nssl.key.location = " + key + "\n";
        assertThatThrownBy(() -> config(file(both)))
                .hasMessage("app.ini:4: ssl.key.location holds an encrypted key; give its password as ssl.key.password");
        assertThat(producer(file(both + "ssl.key.password = k\n"))).containsEntry("ssl.key.password", "k");
    }

    @Test
    void needsTheKeyWithTheCertificate() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), CERT);
        assertThatThrownBy(() -> config(file("ssl.certificate.location = " + cert + "\n")))
                .hasMessage("app.ini:3: ssl.certificate.location needs ssl.key.location (or ssl.key.pem) too");
    }

    @Test
    void describesTheTranslatedSettingsWithoutSecrets() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), CERT);
        Path key = Files.writeString(dir.resolve("key.pem"), KEY);
        LogShipperConfig c = config(file("sasl.mechanism = PLAIN\nsasl.username = alice\nsasl.password = " + PASSWORD
                + "\nssl.certificate.location = " + cert + "\nssl.key.location = " + key + "\n"));

        assertThat(c.describe() + c).doesNotContain(PASSWORD).doesNotContain("secretkeybytes")
                .doesNotContain("Zq9");
    }

    @Test
    void translatesForConsumersToo() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), CERT);
        Map<String, String> c = IniConfig.consumerSettings(IniFile.parse("app.ini", """
                [broker]
                bootstrap.servers = b:9093
                security.protocol = SASL_SSL
                sasl.mechanisms = SCRAM-SHA-256
                sasl.username = bob
                [consumer]
                sasl.password = p
                ssl.ca.location = %s
                """.formatted(ca), Map.<String, String>of()::get));

        assertThat(c).containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", ca.toString())
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"bob\" password=\"p\";");
    }

    @Test
    void namesFileAndLineOfAConsumerMistake() {
        assertThatThrownBy(() -> IniConfig.consumerSettings(IniFile.parse("app.ini",
                "[broker]\nbootstrap.servers = b:9093\n[consumer]\nsasl.password = " + PASSWORD + "\n",
                Map.<String, String>of()::get)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("app.ini:4: sasl.password needs sasl.username too");
    }

    /** kafka-clients 3.0 has no OIDC login handler (KIP-768 came later): the oidc spelling needs a newer client. */
    private static void assumeKafkasOidcHandler() {
        try {
            Class.forName("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
        } catch (ClassNotFoundException e) {
            Assumptions.abort("this kafka-clients has no org.apache.kafka.common.security.oauthbearer."
                    + "OAuthBearerLoginCallbackHandler");
        }
    }
}
