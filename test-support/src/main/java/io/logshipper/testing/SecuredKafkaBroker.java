package io.logshipper.testing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-process KRaft node with every secured listener at once, so that a test JVM starts one broker (about 6 s)
 * for all its security tests:
 * <ul>
 *   <li>a PLAINTEXT listener for the tests' own admin and read-back ({@link #plaintext()});</li>
 *   <li>{@code SASL_PLAINTEXT} with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512, and OAUTHBEARER when the builder was
 *       given a {@link TestTokenServer} ({@link Builder#oauth}): signed JWTs validated against its JWKS endpoint by
 *       Kafka's {@code OAuthBearerValidatorCallbackHandler}, sessions re-authenticated every
 *       {@value #OAUTH_REAUTH_MS} ms so that short-lived tokens are really refreshed;</li>
 *   <li>{@code SSL} with the broker certificate of {@link TestCertificates};</li>
 *   <li>{@code SASL_SSL} with the same mechanisms and certificate;</li>
 *   <li>{@code MTLS}, an SSL listener with {@code ssl.client.auth=required} that trusts only the client
 *       certificate of {@link TestCertificates}.</li>
 * </ul>
 * Kafka 4.3.1's test kit refuses an SSL broker protocol, so the node is started PLAINTEXT and the extra listeners
 * come from {@code listeners} and {@code listener.security.protocol.map}, which the kit leaves to us. Every JAAS
 * setting is listener-prefixed broker config: nothing sets a JVM-wide system property (the kit's own
 * SASL_PLAINTEXT mode would set {@code java.security.auth.login.config}). No authorizer is configured, so every
 * authenticated user may do everything. The broker's OAuth validator needs Kafka 4's JVM-wide
 * {@value AllowedOAuthUrls#PROPERTY} to allow the JWKS URL when the listeners start: the builder sets it for the
 * start-up only and puts the previous value back ({@link AllowedOAuthUrls}). SCRAM users are created through the Admin API after start, since 4.3.1
 * cannot bootstrap SCRAM records.
 */
public final class SecuredKafkaBroker implements AutoCloseable {

    /** The secured listeners, by listener name; {@link #protocol()} is the client's {@code security.protocol}. */
    public enum Listener {
        /** SASL over plain TCP. */
        SASL_PLAINTEXT,
        /** TLS, no client certificate required. */
        SSL,
        /** SASL over TLS. */
        SASL_SSL,
        /** TLS with a client certificate required (mutual TLS); its security protocol is {@code SSL}. */
        MTLS;

        /** The {@code security.protocol} a client of this listener sets. */
        public String protocol() {
            return this == MTLS ? "SSL" : name();
        }

        boolean tls() {
            return this != SASL_PLAINTEXT;
        }

        boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }
    }

    /** The SASL mechanisms the broker enables on its SASL listeners. */
    public static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    /** How often the broker makes an OAUTHBEARER client re-authenticate (a session never outlives its token). */
    public static final int OAUTH_REAUTH_MS = 3000;

    /** Kafka's own client-credentials login callback handler. */
    public static final String KAFKA_OAUTH_LOGIN_HANDLER =
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";

    /** The client JAAS line for OAUTHBEARER when the options come from other settings. */
    public static final String OAUTH_JAAS = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;";

    private final KafkaClusterTestKit cluster;
    private final KafkaBroker plaintext;
    private final Map<Listener, String> bootstrap;
    private final TestCertificates certificates;
    private final TestTokenServer tokenServer;

    private SecuredKafkaBroker(KafkaClusterTestKit cluster, Map<Listener, String> bootstrap,
                               TestCertificates certificates, TestTokenServer tokenServer) {
        this.cluster = cluster;
        this.tokenServer = tokenServer;
        this.plaintext = new KafkaBroker(cluster.bootstrapServers(), "in-process secured KRaft broker (PLAINTEXT)");
        this.bootstrap = bootstrap;
        this.certificates = certificates;
    }

    /** A builder with no users; add them before {@link Builder#start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The broker's PLAINTEXT listener, for creating topics and reading back what a test shipped. */
    public KafkaBroker plaintext() {
        return plaintext;
    }

    /** The {@code bootstrap.servers} of a secured listener, e.g. {@code localhost:40123}. */
    public String bootstrapServers(Listener listener) {
        return bootstrap.get(listener);
    }

    /** The certificates the TLS listeners present. */
    public TestCertificates certificates() {
        return certificates;
    }

    /** The token server whose JWKS the SASL listeners' OAUTHBEARER validates against; null without OAuth. */
    public TestTokenServer tokenServer() {
        return tokenServer;
    }

    /**
     * Java client settings for OAUTHBEARER with Kafka's own client-credentials handler: {@code bootstrap.servers},
     * {@code security.protocol} (and the truststore for SASL_SSL), {@code sasl.mechanism}, the handler, the token
     * endpoint, the client id and secret, and login refresh limits of 1 s so that tokens of a few seconds are
     * refreshed before they expire (Kafka's defaults assume tokens of an hour). The JVM must allow the token URL
     * ({@link AllowedOAuthUrls}) when the client is built.
     */
    public Map<String, String> oauthClientSettings(Listener listener, String clientId, String clientSecret) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("bootstrap.servers", bootstrapServers(listener));
        s.put("security.protocol", listener.protocol());
        if (listener.tls()) {
            s.putAll(truststoreSettings());
        }
        s.put("sasl.mechanism", "OAUTHBEARER");
        s.put("sasl.login.callback.handler.class", KAFKA_OAUTH_LOGIN_HANDLER);
        s.put("sasl.oauthbearer.token.endpoint.url", Objects.requireNonNull(tokenServer, "no token server").tokenUrl());
        s.put("sasl.oauthbearer.client.credentials.client.id", clientId);
        s.put("sasl.oauthbearer.client.credentials.client.secret", clientSecret);
        s.put("sasl.jaas.config", OAUTH_JAAS);
        s.putAll(shortTokenRefresh());
        return s;
    }

    /** Login refresh settings that let a client refresh tokens living only a few seconds. */
    public static Map<String, String> shortTokenRefresh() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sasl.login.refresh.min.period.seconds", "1");
        s.put("sasl.login.refresh.buffer.seconds", "1");
        return s;
    }

    /**
     * Java client settings for a listener: {@code bootstrap.servers}, {@code security.protocol}, a PKCS12
     * truststore for the TLS listeners, and for the SASL listeners {@code sasl.mechanism} with a
     * {@code sasl.jaas.config} for {@code user}, for {@link Listener#MTLS} also the client's PKCS12 keystore.
     * {@code mechanism}, {@code user} and {@code password} are ignored for {@link Listener#SSL} and
     * {@link Listener#MTLS}.
     */
    public Map<String, String> clientSettings(Listener listener, String mechanism, String user, String password) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("bootstrap.servers", bootstrapServers(listener));
        s.put("security.protocol", listener.protocol());
        if (listener.tls()) {
            s.putAll(truststoreSettings());
        }
        if (listener == Listener.MTLS) {
            s.put("ssl.keystore.location", certificates.clientKeystore().toString());
            s.put("ssl.keystore.password", TestCertificates.PASSWORD);
            s.put("ssl.keystore.type", "PKCS12");
            s.put("ssl.key.password", TestCertificates.PASSWORD);
        }
        if (listener.sasl() && "OAUTHBEARER".equals(mechanism)) {
            Map<String, String> oauth = oauthClientSettings(listener, user, password);
            oauth.keySet().removeAll(s.keySet());
            s.putAll(oauth);
        } else if (listener.sasl()) {
            s.put("sasl.mechanism", mechanism);
            s.put("sasl.jaas.config", jaas(mechanism, user, password));
        }
        return s;
    }

    /** Settings for the {@link Listener#SSL} listener: no SASL. */
    public Map<String, String> sslClientSettings() {
        return clientSettings(Listener.SSL, null, null, null);
    }

    /** Settings for the {@link Listener#MTLS} listener: truststore and the client's PKCS12 keystore. */
    public Map<String, String> mtlsClientSettings() {
        return clientSettings(Listener.MTLS, null, null, null);
    }

    /** A client JAAS line for a PLAIN or SCRAM user; values escaped as JAAS needs. */
    public static String jaas(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + escape(user) + "\" password=\"" + escape(password) + "\";";
    }

    private Map<String, String> truststoreSettings() {
        return Map.of(
                "ssl.truststore.location", certificates.truststore().toString(),
                "ssl.truststore.password", TestCertificates.PASSWORD,
                "ssl.truststore.type", "PKCS12");
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    @Override
    public String toString() {
        return "in-process secured KRaft broker " + bootstrap + ", PLAINTEXT at " + plaintext.bootstrapServers();
    }

    /** Collects users and certificates, then starts the broker. */
    public static final class Builder {

        private final Map<String, String> plainUsers = new LinkedHashMap<>();
        private final List<String[]> scramUsers = new ArrayList<>();
        private TestCertificates certificates;
        private TestTokenServer tokenServer;

        private Builder() {
        }

        /** Enables OAUTHBEARER on the SASL listeners, validating tokens against {@code server}'s JWKS. */
        public Builder oauth(TestTokenServer server) {
            this.tokenServer = Objects.requireNonNull(server);
            return this;
        }

        /** A PLAIN user, known to the broker from its listener JAAS config. */
        public Builder plainUser(String user, String password) {
            plainUsers.put(Objects.requireNonNull(user), Objects.requireNonNull(password));
            return this;
        }

        /** A SCRAM user ({@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}), created through Admin after start. */
        public Builder scramUser(String mechanism, String user, String password) {
            ScramMechanism.fromMechanismName(mechanism);
            scramUsers.add(new String[] {mechanism, Objects.requireNonNull(user), Objects.requireNonNull(password)});
            return this;
        }

        /** The certificates to use; default {@link TestCertificates#shared()}. */
        public Builder certificates(TestCertificates certs) {
            this.certificates = certs;
            return this;
        }

        /** Starts the broker, creates the SCRAM users and waits until the broker knows them. */
        public SecuredKafkaBroker start() {
            long started = System.nanoTime();
            TestCertificates certs = certificates != null ? certificates : TestCertificates.shared();
            KafkaClusterTestKit cluster = null;
            AllowedOAuthUrls jwks = tokenServer == null ? null : AllowedOAuthUrls.allow(tokenServer.jwksUrl());
            try {
                KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
                EmbeddedKraftBroker.singleNodeDefaults().forEach(b::setConfigProp);
                brokerSecurity(certs).forEach(b::setConfigProp);
                cluster = b.setDeleteOnClose(true).build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                Map<Listener, String> bootstrap = new EnumMap<>(Listener.class);
                for (Listener l : Listener.values()) {
                    bootstrap.put(l, "localhost:" + cluster.brokers().values().iterator().next()
                            .boundPort(ListenerName.normalised(l.name())));
                }
                SecuredKafkaBroker broker = new SecuredKafkaBroker(cluster, bootstrap, certs, tokenServer);
                broker.createScramUsers(scramUsers);
                System.err.println("[logshipper-test] " + broker + " up in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
                return broker;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(cluster);
                throw new IllegalStateException("interrupted while starting the secured Kafka broker", e);
            } catch (Exception e) {
                closeQuietly(cluster);
                throw new IllegalStateException("could not start the secured Kafka broker", e);
            } finally {
                if (jwks != null) {
                    jwks.close();
                }
            }
        }

        private Map<String, String> brokerSecurity(TestCertificates certs) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,"
                    + "SASL_PLAINTEXT://localhost:0,SSL://localhost:0,SASL_SSL://localhost:0,MTLS://localhost:0");
            p.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,"
                    + "SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,MTLS:SSL");
            List<String> mechanisms = new ArrayList<>(MECHANISMS);
            if (tokenServer != null) {
                mechanisms.add("OAUTHBEARER");
                p.put("sasl.oauthbearer.jwks.endpoint.url", tokenServer.jwksUrl());
                p.put("sasl.oauthbearer.expected.audience", TestTokenServer.AUDIENCE);
                p.put("sasl.oauthbearer.expected.issuer", tokenServer.issuer());
            }
            p.put("sasl.enabled.mechanisms", String.join(",", mechanisms));
            StringBuilder plain = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
            plainUsers.forEach((user, password) ->
                    plain.append(" user_").append(user).append("=\"").append(escape(password)).append('"'));
            plain.append(';');
            for (Listener l : List.of(Listener.SASL_PLAINTEXT, Listener.SASL_SSL)) {
                String prefix = "listener.name." + l.name().toLowerCase(java.util.Locale.ROOT) + ".";
                p.put(prefix + "plain.sasl.jaas.config", plain.toString());
                for (String scram : List.of("scram-sha-256", "scram-sha-512")) {
                    p.put(prefix + scram + ".sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                }
                if (tokenServer != null) {
                    p.put(prefix + "oauthbearer.sasl.jaas.config", OAUTH_JAAS);
                    p.put(prefix + "oauthbearer.sasl.server.callback.handler.class",
                            "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler");
                    p.put(prefix + "oauthbearer.connections.max.reauth.ms", String.valueOf(OAUTH_REAUTH_MS));
                }
            }
            // Applies to the SSL and SASL_SSL listeners only; PLAINTEXT listeners ignore ssl.*.
            p.put("ssl.keystore.location", certs.brokerKeystore().toString());
            p.put("ssl.keystore.password", TestCertificates.PASSWORD);
            p.put("ssl.keystore.type", "PKCS12");
            p.put("ssl.key.password", TestCertificates.PASSWORD);
            // Listener-prefixed settings override the ones above for MTLS only.
            p.put("listener.name.mtls.ssl.client.auth", "required");
            p.put("listener.name.mtls.ssl.truststore.location", certs.clientTruststore().toString());
            p.put("listener.name.mtls.ssl.truststore.password", TestCertificates.PASSWORD);
            p.put("listener.name.mtls.ssl.truststore.type", "PKCS12");
            return p;
        }

        private static void closeQuietly(KafkaClusterTestKit cluster) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception ignored) {
                    // Already failing; the start-up error is the one to report.
                }
            }
        }
    }

    /**
     * Creates a SCRAM user, or changes its password, through the Admin API while the broker runs, and waits until
     * the broker knows it: what an operator does to fix credentials while a client keeps retrying.
     */
    public void upsertScramUser(String mechanism, String user, String password) {
        PrintedSecrets.register(password);
        try {
            createScramUsers(List.<String[]>of(new String[] {mechanism, user, password}));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating SCRAM user " + user, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create SCRAM user " + user, e);
        }
    }

    private void createScramUsers(List<String[]> users) throws Exception {
        if (users.isEmpty()) {
            return;
        }
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (String[] u : users) {
            upserts.add(new UserScramCredentialUpsertion(u[1],
                    new ScramCredentialInfo(ScramMechanism.fromMechanismName(u[0]), 4096), u[2]));
            names.add(u[1]);
        }
        try (Admin admin = plaintext.admin()) {
            // One request per credential: Kafka refuses two alterations of one user in the same request.
            for (UserScramCredentialAlteration upsert : upserts) {
                admin.alterUserScramCredentials(List.of(upsert)).all().get(30, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                Map<String, UserScramCredentialsDescription> known =
                        admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS);
                if (known.keySet().containsAll(names)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("SCRAM users " + names + " not visible after 30 s");
                }
                Thread.sleep(50);
            }
        }
    }
}
