package io.logshipper.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the librdkafka spellings of security settings that OpenMSIStream files use into the Java client's, so
 * such a file works unchanged: {@code sasl.username}/{@code sasl.password} become a generated
 * {@code sasl.jaas.config}, {@code ssl.ca.location} a PEM truststore, {@code ssl.certificate.location} and
 * {@code ssl.key.location} a PEM keystore. A librdkafka setting with no Java equivalent is an error that names
 * the Java setting to use. Settings already spelled the Java way pass unchanged. The table is in
 * {@code docs/security.md}.
 *
 * <p>Errors name the librdkafka setting and carry its origin (file and line); no error shows a secret value, nor
 * the content of a key file.
 */
final class LibrdkafkaSettings {

    /** A setting's value and where it was written. */
    record Value(String text, Origin origin) {
    }

    static final String USERNAME = "sasl.username";
    static final String PASSWORD = "sasl.password";
    static final String MECHANISMS = "sasl.mechanisms";
    static final String CA_LOCATION = "ssl.ca.location";
    /** Larger than any certificate chain or key file, and small enough to read whole. */
    private static final int MAX_PEM_BYTES = 4 * 1024 * 1024;
    static final String CA_PEM = "ssl.ca.pem";
    static final String CERTIFICATE_LOCATION = "ssl.certificate.location";
    static final String CERTIFICATE_PEM = "ssl.certificate.pem";
    static final String KEY_LOCATION = "ssl.key.location";
    static final String KEY_PEM = "ssl.key.pem";
    static final String VERIFY_CERTIFICATES = "enable.ssl.certificate.verification";
    static final String OAUTH_METHOD = "sasl.oauthbearer.method";
    static final String OAUTH_CLIENT_ID = "sasl.oauthbearer.client.id";
    static final String OAUTH_CLIENT_SECRET = "sasl.oauthbearer.client.secret";
    static final String OAUTH_SCOPE = "sasl.oauthbearer.scope";
    static final String OAUTH_TOKEN_ENDPOINT = "sasl.oauthbearer.token.endpoint.url";
    static final String LOGIN_HANDLER = "sasl.login.callback.handler.class";
    /** Kafka's own client-credentials login callback handler. */
    static final String KAFKA_OAUTH_HANDLER = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";
    private static final String OAUTH_MODULE = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";

    private static final String MECHANISM = "sasl.mechanism";
    private static final String JAAS = "sasl.jaas.config";
    private static final String ENDPOINT_IDENTIFICATION = "ssl.endpoint.identification.algorithm";
    private static final Set<String> PASSWORD_MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    /** librdkafka-only settings without a Java equivalent of the same meaning, and what to use instead. */
    private static final Map<String, String> NO_JAVA_EQUIVALENT = Map.ofEntries(
            Map.entry("sasl.kerberos.principal", "sasl.jaas.config with com.sun.security.auth.module.Krb5LoginModule"
                    + " (principal=\"…\")"),
            Map.entry("sasl.kerberos.keytab", "sasl.jaas.config with com.sun.security.auth.module.Krb5LoginModule"
                    + " (useKeyTab=true keyTab=\"…\")"),
            Map.entry("sasl.oauthbearer.config", "sasl.jaas.config with"
                    + " org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"),
            Map.entry("enable.sasl.oauthbearer.unsecure.jwt", "sasl.jaas.config with"
                    + " org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule (unsecuredLoginStringClaim_sub)"),
            Map.entry("sasl.oauthbearer.extensions", "sasl.jaas.config with extension_<name>=\"…\" options"),
            Map.entry("ssl.crl.location", "ssl.engine.factory.class (the Java client has no CRL setting)"),
            Map.entry("ssl.curves.list", "ssl.engine.factory.class (the Java client has no curves setting)"),
            Map.entry("ssl.sigalgs.list", "ssl.engine.factory.class (the Java client has no signature algorithms"
                    + " setting)"),
            Map.entry("ssl.engine.location", "ssl.provider or ssl.engine.factory.class"),
            Map.entry("ssl.engine.id", "ssl.provider or ssl.engine.factory.class"),
            Map.entry("ssl.providers", "ssl.provider or security.providers"));

    private LibrdkafkaSettings() {
    }

    /**
     * The settings with every librdkafka spelling replaced by the Java client's; order is kept, generated settings
     * take the place of the first setting they come from and carry its origin.
     *
     * @throws SettingException naming the librdkafka setting at fault and its origin
     */
    static Map<String, Value> translate(Map<String, Value> in) {
        Map<String, Value> out = new LinkedHashMap<>(in);
        for (Map.Entry<String, String> e : NO_JAVA_EQUIVALENT.entrySet()) {
            Value v = in.get(e.getKey());
            if (v != null) {
                throw error(e.getKey(), "is a librdkafka setting the Java client does not have; use "
                        + e.getValue(), v);
            }
        }
        oauth(in, out);
        sasl(in, out);
        truststore(in, out);
        keystore(in, out);
        verification(in, out);
        return out;
    }

    private static void sasl(Map<String, Value> in, Map<String, Value> out) {
        Value mechanisms = in.get(MECHANISMS);
        Value mechanism = in.get(MECHANISM);
        if (mechanisms != null && mechanism != null
                && !mechanisms.text().strip().equalsIgnoreCase(mechanism.text().strip())) {
            throw error(MECHANISMS, "and sasl.mechanism disagree; give one of them", mechanisms);
        }
        Value chosen = mechanism != null ? mechanism : mechanisms;
        if (mechanisms != null) {
            replace(out, MECHANISMS, MECHANISM, new Value(mechanisms.text().strip(), mechanisms.origin()));
        }
        Value user = in.get(USERNAME);
        Value password = in.get(PASSWORD);
        if (user == null && password == null) {
            return;
        }
        if (user == null || password == null) {
            Value given = user != null ? user : password;
            throw error(user != null ? USERNAME : PASSWORD, "needs " + (user != null ? PASSWORD : USERNAME)
                    + " too", given);
        }
        if (in.containsKey(JAAS)) {
            throw error(USERNAME, "and sasl.jaas.config both give credentials; give one of them", user);
        }
        if (chosen == null) {
            throw error(USERNAME, "needs sasl.mechanism (or sasl.mechanisms): PLAIN, SCRAM-SHA-256 or"
                    + " SCRAM-SHA-512", user);
        }
        String name = chosen.text().strip().toUpperCase(Locale.ROOT);
        if (!PASSWORD_MECHANISMS.contains(name)) {
            throw error(USERNAME, "works with the SASL mechanisms PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512, not "
                    + Kinds.quoted(chosen.text().strip()) + "; for other mechanisms give sasl.jaas.config", user);
        }
        if (hasLineBreak(user.text())) {
            throw error(USERNAME, "must be on one line", user);
        }
        if (hasLineBreak(password.text())) {
            throw error(PASSWORD, "must be on one line", password);
        }
        String module = name.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        String jaas = module + " required username=\"" + jaasEscape(user.text()) + "\" password=\""
                + jaasEscape(password.text()) + "\";";
        out.put(MECHANISM, new Value(name, chosen.origin()));
        replace(out, USERNAME, JAAS, new Value(jaas, user.origin()));
        out.remove(PASSWORD);
    }

    /**
     * librdkafka's OIDC client-credentials login ({@code sasl.oauthbearer.method=oidc}) becomes Kafka's own
     * {@code OAuthBearerLoginCallbackHandler} with the client id, secret and scope as JAAS options, which every
     * Kafka 3.x and 4.x client reads; the token endpoint keeps its name, the same in both clients.
     */
    private static void oauth(Map<String, Value> in, Map<String, Value> out) {
        Value method = in.get(OAUTH_METHOD);
        Value id = in.get(OAUTH_CLIENT_ID);
        Value secret = in.get(OAUTH_CLIENT_SECRET);
        if (method == null) {
            for (Value v : new Value[] {id, secret}) {
                if (v != null) {
                    throw error(v == id ? OAUTH_CLIENT_ID : OAUTH_CLIENT_SECRET, "needs sasl.oauthbearer.method = oidc"
                            + " (librdkafka's client-credentials login)", v);
                }
            }
            return;
        }
        String how = method.text().strip().toLowerCase(Locale.ROOT);
        if (how.equals("default")) {
            throw error(OAUTH_METHOD, "'default' (librdkafka's unsecured JWT) has no Java equivalent for real"
                    + " brokers; use sasl.oauthbearer.method = oidc, or sasl.jaas.config with"
                    + " " + OAUTH_MODULE, method);
        }
        if (!how.equals("oidc")) {
            throw error(OAUTH_METHOD, "must be oidc (or default), not " + Kinds.quoted(method.text().strip()), method);
        }
        if (id == null || secret == null) {
            throw error(OAUTH_METHOD, "= oidc needs " + (id == null ? OAUTH_CLIENT_ID : OAUTH_CLIENT_SECRET) + " too",
                    method);
        }
        if (!in.containsKey(OAUTH_TOKEN_ENDPOINT)) {
            throw error(OAUTH_METHOD, "= oidc needs " + OAUTH_TOKEN_ENDPOINT + " (the OAuth token endpoint) too",
                    method);
        }
        if (in.containsKey(JAAS)) {
            throw error(OAUTH_METHOD, "and sasl.jaas.config both configure the login; give one of them", method);
        }
        Value mechanism = in.get(MECHANISM) != null ? in.get(MECHANISM) : in.get(MECHANISMS);
        if (mechanism != null && !mechanism.text().strip().equalsIgnoreCase("OAUTHBEARER")) {
            throw error(OAUTH_METHOD, "works with the SASL mechanism OAUTHBEARER, not "
                    + Kinds.quoted(mechanism.text().strip()), method);
        }
        Value handler = in.get(LOGIN_HANDLER);
        if (handler != null && !handler.text().strip().equals(KAFKA_OAUTH_HANDLER)) {
            throw error(OAUTH_METHOD, "= oidc uses " + KAFKA_OAUTH_HANDLER + "; leave " + LOGIN_HANDLER
                    + " out, or give sasl.jaas.config instead of sasl.oauthbearer.method", method);
        }
        Value scope = in.get(OAUTH_SCOPE);
        for (Value v : new Value[] {id, secret, scope}) {
            if (v != null && hasLineBreak(v.text())) {
                throw error(v == id ? OAUTH_CLIENT_ID : v == secret ? OAUTH_CLIENT_SECRET : OAUTH_SCOPE,
                        "must be on one line", v);
            }
        }
        String jaas = OAUTH_MODULE + " required clientId=\"" + jaasEscape(id.text().strip()) + "\" clientSecret=\""
                + jaasEscape(secret.text()) + "\"" + (scope == null ? "" : " scope=\"" + jaasEscape(scope.text().strip())
                + "\"") + ";";
        if (mechanism == null) {
            out.put(MECHANISM, new Value("OAUTHBEARER", method.origin()));
        }
        replace(out, OAUTH_METHOD, LOGIN_HANDLER, new Value(KAFKA_OAUTH_HANDLER, method.origin()));
        replace(out, OAUTH_CLIENT_ID, JAAS, new Value(jaas, id.origin()));
        out.remove(OAUTH_CLIENT_SECRET);
        out.remove(OAUTH_SCOPE);
    }

    private static void truststore(Map<String, Value> in, Map<String, Value> out) {
        Value location = in.get(CA_LOCATION);
        Value pem = in.get(CA_PEM);
        if (location == null && pem == null) {
            return;
        }
        if (location != null && pem != null) {
            throw error(CA_LOCATION, "and ssl.ca.pem both name CA certificates; give one of them", location);
        }
        String from = location != null ? CA_LOCATION : CA_PEM;
        Value given = location != null ? location : pem;
        for (String java : new String[] {"ssl.truststore.location", "ssl.truststore.certificates"}) {
            if (in.containsKey(java)) {
                throw error(from, "and " + java + " both name a truststore; give one of them", given);
            }
        }
        if (location != null) {
            String path = location.text().strip();
            if (path.equals("probe")) {
                throw error(CA_LOCATION, "'probe' has no Java equivalent; leave it out to use the JVM's default"
                        + " truststore", location);
            }
            readable(CA_LOCATION, location, false);
            replace(out, CA_LOCATION, "ssl.truststore.location", new Value(path, location.origin()));
        } else {
            replace(out, CA_PEM, "ssl.truststore.certificates", pem);
        }
        out.put("ssl.truststore.type", new Value("PEM", given.origin()));
    }

    private static void keystore(Map<String, Value> in, Map<String, Value> out) {
        Value certLocation = in.get(CERTIFICATE_LOCATION);
        Value certPem = in.get(CERTIFICATE_PEM);
        Value keyLocation = in.get(KEY_LOCATION);
        Value keyPem = in.get(KEY_PEM);
        if (certLocation == null && certPem == null && keyLocation == null && keyPem == null) {
            return;
        }
        if (certLocation != null && certPem != null) {
            throw error(CERTIFICATE_LOCATION, "and ssl.certificate.pem both give the certificate; give one of them",
                    certLocation);
        }
        if (keyLocation != null && keyPem != null) {
            throw error(KEY_LOCATION, "and ssl.key.pem both give the key; give one of them", keyLocation);
        }
        String certFrom = certLocation != null ? CERTIFICATE_LOCATION : certPem != null ? CERTIFICATE_PEM : null;
        String keyFrom = keyLocation != null ? KEY_LOCATION : keyPem != null ? KEY_PEM : null;
        Value cert = certLocation != null ? certLocation : certPem;
        Value key = keyLocation != null ? keyLocation : keyPem;
        if (cert == null) {
            throw error(keyFrom, "needs ssl.certificate.location (or ssl.certificate.pem) too", key);
        }
        if (key == null) {
            throw error(certFrom, "needs ssl.key.location (or ssl.key.pem) too", cert);
        }
        for (String java : new String[] {"ssl.keystore.location", "ssl.keystore.key"}) {
            if (in.containsKey(java)) {
                throw error(certFrom, "and " + java + " both give a client certificate; give one of them", cert);
            }
        }
        String chain = certLocation != null ? readable(CERTIFICATE_LOCATION, certLocation, true) : certPem.text();
        String keyText = keyLocation != null ? readable(KEY_LOCATION, keyLocation, true) : keyPem.text();
        if (!chain.contains("-----BEGIN CERTIFICATE-----")) {
            throw error(certFrom, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)", cert);
        }
        if (keyText.contains("-----BEGIN RSA PRIVATE KEY-----") || keyText.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw error(keyFrom, "holds a PKCS#1 or SEC1 key, which the Java client cannot read; convert it to"
                    + " PKCS#8, e.g. openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem", key);
        }
        boolean encrypted = keyText.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        if (!encrypted && !keyText.contains("-----BEGIN PRIVATE KEY-----")) {
            throw error(keyFrom, "holds no PKCS#8 PEM key (-----BEGIN PRIVATE KEY----- or"
                    + " -----BEGIN ENCRYPTED PRIVATE KEY-----)", key);
        }
        if (encrypted && !in.containsKey("ssl.key.password")) {
            throw error(keyFrom, "holds an encrypted key; give its password as ssl.key.password", key);
        }
        replace(out, certFrom, "ssl.keystore.certificate.chain", new Value(chain, cert.origin()));
        replace(out, keyFrom, "ssl.keystore.key", new Value(keyText, key.origin()));
        out.put("ssl.keystore.type", new Value("PEM", cert.origin()));
    }

    private static void verification(Map<String, Value> in, Map<String, Value> out) {
        Value verify = in.get(VERIFY_CERTIFICATES);
        if (verify != null) {
            if (!verify.text().strip().equalsIgnoreCase("true")) {
                throw error(VERIFY_CERTIFICATES, "cannot be turned off: the Java client always verifies the broker's"
                        + " certificate; trust it with ssl.ca.location or ssl.truststore.location", verify);
            }
            out.remove(VERIFY_CERTIFICATES);
        }
        Value endpoint = in.get(ENDPOINT_IDENTIFICATION);
        if (endpoint != null && endpoint.text().strip().equalsIgnoreCase("none")) {
            // librdkafka says "none" where the Java client takes an empty value.
            out.put(ENDPOINT_IDENTIFICATION, new Value("", endpoint.origin()));
        }
    }

    /** Checks the file named by {@code v} can be read, and returns its text if asked; the text is never shown. */
    private static String readable(String key, Value v, boolean read) {
        String path = v.text().strip();
        try {
            Path p = Path.of(path);
            if (Files.isDirectory(p)) {
                throw error(key, "names the directory " + Kinds.quoted(path) + "; the Java client needs one PEM file",
                        v);
            }
            if (!Files.isReadable(p)) {
                throw error(key, "names " + Kinds.quoted(path) + ", which is not a readable file", v);
            }
            return read ? readBounded(key, p, path, v) : null;
        } catch (InvalidPathException | IOException e) {
            throw error(key, "names " + Kinds.quoted(path) + ", which cannot be read (" + e.getClass().getSimpleName()
                    + ")", v);
        }
    }

    /** A PEM file's text, read no further than {@value #MAX_PEM_BYTES} bytes (the name may be a pipe, /dev/zero). */
    private static String readBounded(String key, Path p, String path, Value v) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] bytes = in.readNBytes(MAX_PEM_BYTES + 1);
            if (bytes.length > MAX_PEM_BYTES) {
                throw error(key, "names " + Kinds.quoted(path) + ", which is larger than 4 MiB; a PEM file is not",
                        v);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Puts {@code value} under {@code to} where {@code from} was, keeping the order of the settings. */
    private static Map<String, Value> replace(Map<String, Value> map, String from, String to, Value value) {
        if (!map.containsKey(from)) {
            map.put(to, value);
            return map;
        }
        Map<String, Value> copy = new LinkedHashMap<>(map);
        map.clear();
        copy.forEach((k, v) -> {
            if (k.equals(from)) {
                map.put(to, value);
            } else if (!k.equals(to)) {
                map.put(k, v);
            }
        });
        return map;
    }

    /** JAAS option values are double-quoted strings in which a backslash and a double quote are escaped. */
    static String jaasEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }

    private static SettingException error(String key, String reason, Value v) {
        return SettingException.ofKafka(key, key + " " + reason, v.origin());
    }
}
