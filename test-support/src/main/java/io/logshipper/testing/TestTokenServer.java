package io.logshipper.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local OAuth 2 token server on the JDK's {@link HttpServer}, so OAUTHBEARER can be tested end to end in seconds:
 * <ul>
 *   <li>{@code POST /token} with {@code grant_type=client_credentials} (client id and secret as HTTP Basic, as
 *       Kafka's own handler sends them, or as form fields) or {@code grant_type=refresh_token}
 *       ({@code refresh_token=…}, Globus-style, optionally with a client id);</li>
 *   <li>{@code GET /jwks}: the JWKS document with the public half of an RSA key generated in this JVM.</li>
 * </ul>
 * Access tokens are RS256-signed JWTs ({@code sub}, {@code iss}, {@code aud}, {@code iat}, {@code exp},
 * {@code scope}) that live {@link #expiresIn(Duration)} (default 4 s), so a client refreshes several times in a
 * short test. Counters tell a test how often each grant was served; {@link #refuse(boolean)} makes every grant fail
 * with {@code 400 invalid_grant} and {@link #issueExpired(boolean)} hands out tokens that expired long ago.
 *
 * <p>Every client secret, refresh token and issued access token is registered with {@link PrintedSecrets}, so the
 * tests can check none of them was ever printed. The private key never leaves this object.
 */
public final class TestTokenServer implements AutoCloseable {

    /** The {@code aud} of every token; the secured broker expects it. */
    public static final String AUDIENCE = "logshipper-test-kafka";
    /** The {@code kid} of the signing key. */
    public static final String KEY_ID = "logshipper-test-key";

    private final HttpServer server;
    private final ExecutorService executor;
    private final KeyPair keys;
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicLong expiresInMillis = new AtomicLong(4_000);
    private final AtomicInteger clientCredentialsGrants = new AtomicInteger();
    private final AtomicInteger refreshTokenGrants = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile boolean refuse;
    private volatile boolean issueExpired;

    private TestTokenServer(HttpServer server, ExecutorService executor, KeyPair keys) {
        this.server = server;
        this.executor = executor;
        this.keys = keys;
    }

    /** Starts a server on a free port of 127.0.0.1, with a new 2048-bit RSA signing key. */
    public static TestTokenServer start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "logshipper-test-token-server");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            TestTokenServer tokens = new TestTokenServer(server, executor, keys);
            server.createContext("/token", tokens::token);
            server.createContext("/jwks", tokens::jwks);
            server.start();
            return tokens;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not start the test token server", e);
        }
    }

    /** Lets a client get tokens with the client-credentials grant. Returns this. */
    public TestTokenServer client(String clientId, String clientSecret) {
        clients.put(clientId, clientSecret);
        PrintedSecrets.register(clientSecret);
        return this;
    }

    /** Lets a refresh token get access tokens for {@code subject}. Returns this. */
    public TestTokenServer refreshToken(String refreshToken, String subject) {
        refreshTokens.put(refreshToken, subject);
        PrintedSecrets.register(refreshToken);
        return this;
    }

    /** Forgets a refresh token, as a revocation does: the next grant with it is refused. */
    public void revoke(String refreshToken) {
        refreshTokens.remove(refreshToken);
    }

    /** How long tokens issued from now on live. */
    public void expiresIn(Duration lifetime) {
        expiresInMillis.set(lifetime.toMillis());
    }

    /** Whether every grant is refused ({@code 400 invalid_grant}) from now on. */
    public void refuse(boolean refuseAll) {
        this.refuse = refuseAll;
    }

    /** Whether tokens issued from now on expired ten minutes ago (beyond any broker's clock skew allowance). */
    public void issueExpired(boolean expired) {
        this.issueExpired = expired;
    }

    /** The token endpoint, e.g. {@code http://127.0.0.1:40123/token}. */
    public String tokenUrl() {
        return base() + "/token";
    }

    /** The JWKS endpoint. */
    public String jwksUrl() {
        return base() + "/jwks";
    }

    /** The {@code iss} of every token (the server's base URL). */
    public String issuer() {
        return base();
    }

    /** Client-credentials grants served with a token. */
    public int clientCredentialsGrants() {
        return clientCredentialsGrants.get();
    }

    /** Refresh-token grants served with a token. */
    public int refreshTokenGrants() {
        return refreshTokenGrants.get();
    }

    /** Token requests refused. */
    public int refusals() {
        return refusals.get();
    }

    /** JWKS documents served. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void jwks(HttpExchange exchange) throws IOException {
        try (exchange) {
            jwksRequests.incrementAndGet();
            RSAPublicKey key = (RSAPublicKey) keys.getPublic();
            String body = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID
                    + "\",\"n\":\"" + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent())
                    + "\"}]}";
            respond(exchange, 200, body);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error("invalid_request", "POST only"));
                return;
            }
            Map<String, String> form = form(exchange.getRequestBody());
            String grant = form.getOrDefault("grant_type", "");
            String subject;
            if (grant.equals("client_credentials")) {
                String[] basic = basic(exchange.getRequestHeaders().getFirst("Authorization"));
                String id = basic != null ? basic[0] : form.get("client_id");
                String secret = basic != null ? basic[1] : form.get("client_secret");
                subject = id != null && secret != null && secret.equals(clients.get(id)) ? id : null;
            } else if (grant.equals("refresh_token")) {
                String refreshToken = form.get("refresh_token");
                subject = refreshToken == null ? null : refreshTokens.get(refreshToken);
            } else {
                refusals.incrementAndGet();
                respond(exchange, 400, error("unsupported_grant_type", "grant_type " + grant + " unknown"));
                return;
            }
            if (subject == null || refuse) {
                refusals.incrementAndGet();
                respond(exchange, 400, error("invalid_grant", "credentials refused"));
                return;
            }
            long lifetime = expiresInMillis.get();
            String jwt = sign(subject, form.getOrDefault("scope", "logs"), lifetime);
            PrintedSecrets.register(jwt);
            (grant.equals("client_credentials") ? clientCredentialsGrants : refreshTokenGrants).incrementAndGet();
            respond(exchange, 200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + Math.max(1, lifetime / 1000) + ",\"scope\":\"logs\"}");
        } catch (RuntimeException | GeneralSecurityException e) {
            respond(exchange, 500, error("server_error", e.getClass().getSimpleName()));
        }
    }

    private String sign(String subject, String scope, long lifetimeMillis) throws GeneralSecurityException {
        long now = System.currentTimeMillis() / 1000;
        long iat = issueExpired ? now - 1200 : now;
        long exp = issueExpired ? now - 600 : now + Math.max(1, lifetimeMillis / 1000);
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}";
        String claims = "{\"sub\":\"" + jsonText(subject) + "\",\"iss\":\"" + issuer() + "\",\"aud\":\"" + AUDIENCE
                + "\",\"iat\":" + iat + ",\"exp\":" + exp + ",\"scope\":\"" + jsonText(scope) + "\",\"jti\":\""
                + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64Url(rsa.sign());
    }

    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        // RFC 6749 2.3.1 form-encodes both parts; Kafka does so only when asked (sasl.oauthbearer.header.urlencode).
        return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
    }

    private static Map<String, String> form(InputStream in) throws IOException {
        String body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String error(String code, String description) {
        return "{\"error\":\"" + code + "\",\"error_description\":\"" + jsonText(description) + "\"}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String unsigned(BigInteger n) {
        byte[] bytes = n.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return base64Url(bytes);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final Set<Character> JSON_SAFE_PUNCTUATION = Set.of('-', '_', '.', ' ', ':', '/', '@');

    /** Test values only: anything but letters, digits and a little punctuation becomes '?'. */
    private static String jsonText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) || JSON_SAFE_PUNCTUATION.contains(c) ? c : '?');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "test token server at " + base();
    }
}
