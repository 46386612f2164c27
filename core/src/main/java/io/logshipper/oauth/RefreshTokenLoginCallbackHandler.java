package io.logshipper.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;

/**
 * An OAUTHBEARER login callback handler for the OAuth 2 <em>refresh-token</em> grant (RFC 6749 §6), which Kafka's own
 * {@code OAuthBearerLoginCallbackHandler} does not offer: a long-lived refresh token, kept in an environment
 * variable or a file, is exchanged at the token endpoint for short-lived access tokens. This is how Globus Auth
 * (Diaspora Streams) clients authenticate.
 *
 * <p>Kafka's login refresh thread calls this handler again before each token expires (at
 * {@code sasl.login.refresh.window.factor} of its lifetime, 80 % by default), so the access token is always fresh;
 * the broker's {@code connections.max.reauth.ms} decides when open connections re-authenticate with it.
 *
 * <p>Configuration, for a Kafka client (the producer of logshipper, or any other):
 * <pre>
 * sasl.mechanism = OAUTHBEARER
 * sasl.login.callback.handler.class = io.logshipper.oauth.RefreshTokenLoginCallbackHandler
 * sasl.oauthbearer.token.endpoint.url = https://auth.example.org/oauth2/token
 * sasl.jaas.config = org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required \
 *     refreshTokenEnv="DIASPORA_REFRESH" clientId="my-client-id";
 * </pre>
 * JAAS options of {@code OAuthBearerLoginModule}:
 * <ul>
 *   <li>{@code refreshTokenEnv}: the environment variable holding the refresh token; or</li>
 *   <li>{@code refreshTokenFile}: a file holding it (its first line; read again at every refresh, so the file may
 *       be replaced). Exactly one of the two. The refresh token itself is never written in a configuration: an
 *       option {@code refreshToken} is refused.</li>
 *   <li>{@code clientId} (optional): sent as {@code client_id}, or with {@code clientSecret} as HTTP Basic client
 *       authentication; {@code clientSecret} (optional); {@code scope} (optional, sent as {@code scope}).</li>
 * </ul>
 * A refresh token the endpoint hands back (rotation) replaces the configured one for the rest of the process.
 * Kafka's {@code sasl.login.connect.timeout.ms}, {@code sasl.login.read.timeout.ms},
 * {@code sasl.login.retry.backoff.ms} and {@code sasl.login.retry.backoff.max.ms} apply: a network failure or a
 * 5xx answer is retried with doubling waits until the maximum has passed, a 4xx answer fails at once.
 *
 * <p>Like Kafka's own handler, this one reaches only a token endpoint the application allowed in Kafka 4's JVM-wide
 * system property {@code org.apache.kafka.sasl.oauthbearer.allowed.urls}; logshipper never sets that property.
 *
 * <p>Access tokens that are JWTs give their lifetime ({@code exp}), principal ({@code sub}) and scope; opaque
 * tokens (Globus) take the lifetime from {@code expires_in} and the principal from {@code clientId}. No error,
 * log line or {@code toString} shows the refresh token, the client secret or an access token.
 */
public final class RefreshTokenLoginCallbackHandler implements AuthenticateCallbackHandler {

    /** Kafka 4's system property listing the URLs its OAuth code may reach. */
    public static final String ALLOWED_URLS_PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

    static final String REFRESH_TOKEN_ENV = "refreshTokenEnv";
    static final String REFRESH_TOKEN_FILE = "refreshTokenFile";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String SCOPE = "scope";

    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final Set<String> KNOWN_OPTIONS = Set.of(REFRESH_TOKEN_ENV, REFRESH_TOKEN_FILE, CLIENT_ID,
            CLIENT_SECRET, SCOPE);

    private final Function<String, String> environment;

    private URL endpoint;
    private String tokenSource;
    private Function<String, String> source;
    private String clientId;
    private String clientSecret;
    private String scope;
    private int connectTimeoutMs;
    private int readTimeoutMs;
    private long retryBackoffMs;
    private long retryBackoffMaxMs;
    private volatile String rotatedRefreshToken;

    /** The handler Kafka instantiates from {@code sasl.login.callback.handler.class}. */
    public RefreshTokenLoginCallbackHandler() {
        this(System::getenv);
    }

    RefreshTokenLoginCallbackHandler(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasEntries) {
        if (!OAuthBearerLoginModule.OAUTHBEARER_MECHANISM.equals(saslMechanism)) {
            throw new ConfigException(getClass().getSimpleName() + " works with sasl.mechanism OAUTHBEARER, not "
                    + saslMechanism);
        }
        if (jaasEntries == null || jaasEntries.size() != 1) {
            throw new ConfigException(getClass().getSimpleName() + " needs one OAuthBearerLoginModule entry in"
                    + " sasl.jaas.config");
        }
        Map<String, ?> options = jaasEntries.get(0).getOptions();
        if (options.containsKey("refreshToken")) {
            throw new ConfigException("sasl.jaas.config option refreshToken is not accepted: a refresh token is never"
                    + " written in a configuration; give refreshTokenEnv (an environment variable) or"
                    + " refreshTokenFile (a file) instead");
        }
        for (String key : options.keySet()) {
            if (!KNOWN_OPTIONS.contains(key)) {
                throw new ConfigException("sasl.jaas.config option " + key + " is unknown to "
                        + getClass().getSimpleName() + "; known: " + String.join(", ", KNOWN_OPTIONS.stream().sorted()
                        .collect(Collectors.toList())));
            }
        }
        String env = option(options, REFRESH_TOKEN_ENV);
        String file = option(options, REFRESH_TOKEN_FILE);
        if ((env == null) == (file == null)) {
            throw new ConfigException("sasl.jaas.config needs exactly one of the options refreshTokenEnv (an"
                    + " environment variable holding the refresh token) and refreshTokenFile (a file holding it)");
        }
        if (env != null) {
            tokenSource = "environment variable " + env;
            source = name -> environment.apply(env);
        } else {
            tokenSource = "file " + file;
            source = name -> readFirstLine(file);
        }
        clientId = option(options, CLIENT_ID);
        clientSecret = option(options, CLIENT_SECRET);
        scope = option(options, SCOPE);
        if (clientSecret != null && clientId == null) {
            throw new ConfigException("sasl.jaas.config option clientSecret needs clientId too");
        }
        endpoint = endpoint(configs);
        connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, number(configs, "sasl.login.connect.timeout.ms",
                10_000));
        readTimeoutMs = (int) Math.min(Integer.MAX_VALUE, number(configs, "sasl.login.read.timeout.ms",
                10_000));
        retryBackoffMs = Math.max(1, number(configs, "sasl.login.retry.backoff.ms", 100));
        retryBackoffMaxMs = Math.max(0, number(configs, "sasl.login.retry.backoff.max.ms", 10_000));
    }

    private static URL endpoint(Map<String, ?> configs) {
        Object value = configs.get("sasl.oauthbearer.token.endpoint.url");
        String url = value == null ? null : String.valueOf(value).strip();
        if (url == null || url.isEmpty()) {
            throw new ConfigException("RefreshTokenLoginCallbackHandler needs "
                    + "sasl.oauthbearer.token.endpoint.url" + " (the OAuth token endpoint)");
        }
        URL parsed;
        try {
            parsed = new URI(url).toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new ConfigException("sasl.oauthbearer.token.endpoint.url" + " " + url
                    + " is not a URL");
        }
        String protocol = parsed.getProtocol().toLowerCase(Locale.ROOT);
        if (!protocol.equals("https") && !protocol.equals("http")) {
            throw new ConfigException("sasl.oauthbearer.token.endpoint.url" + " " + url
                    + " must be an http or https URL");
        }
        Set<String> allowed = Arrays.stream(System.getProperty(ALLOWED_URLS_PROPERTY, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        if (!allowed.contains(url)) {
            throw new ConfigException("sasl.oauthbearer.token.endpoint.url" + " " + url
                    + " is not allowed: the application must list it in the JVM system property "
                    + ALLOWED_URLS_PROPERTY + " (e.g. -D" + ALLOWED_URLS_PROPERTY + "=" + url + ")");
        }
        return parsed;
    }

    @Override
    public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerTokenCallback) {
                handleToken((OAuthBearerTokenCallback) callback);
            } else if (callback instanceof SaslExtensionsCallback) {
                ((SaslExtensionsCallback) callback).extensions(new SaslExtensions(Map.of())); // empty() is 3.1+
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private void handleToken(OAuthBearerTokenCallback callback) {
        if (endpoint == null) {
            callback.error("invalid_request", "RefreshTokenLoginCallbackHandler was not configured", null);
            return;
        }
        try {
            callback.token(fetch());
        } catch (TokenException e) {
            // The login module turns the description into its LoginException's message: what the application sees.
            callback.error(e.code, e.getMessage(), null);
        }
    }

    private AccessToken fetch() throws TokenException {
        String refreshToken = rotatedRefreshToken;
        if (refreshToken == null) {
            refreshToken = source.apply(null);
            if (refreshToken == null || refreshToken.isBlank()) {
                throw new TokenException("invalid_request", "no OAuth refresh token in the " + tokenSource);
            }
            refreshToken = refreshToken.strip();
        }
        long deadline = System.currentTimeMillis() + retryBackoffMaxMs;
        long wait = retryBackoffMs;
        while (true) {
            try {
                return exchange(refreshToken);
            } catch (RetryableException e) {
                if (System.currentTimeMillis() + wait > deadline) {
                    throw new TokenException("temporarily_unavailable", e.getMessage());
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new TokenException("temporarily_unavailable", e.getMessage() + " (interrupted)");
                }
                wait = Math.min(wait * 2, Math.max(1, retryBackoffMaxMs));
            }
        }
    }

    private AccessToken exchange(String refreshToken) throws TokenException, RetryableException {
        StringBuilder form = new StringBuilder("grant_type=refresh_token&refresh_token=")
                .append(encode(refreshToken));
        if (scope != null) {
            form.append("&scope=").append(encode(scope));
        }
        if (clientId != null && clientSecret == null) {
            form.append("&client_id=").append(encode(clientId));
        }
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        int status;
        byte[] response;
        try {
            HttpURLConnection http = (HttpURLConnection) endpoint.openConnection();
            try {
                http.setRequestMethod("POST");
                http.setConnectTimeout(connectTimeoutMs);
                http.setReadTimeout(readTimeoutMs);
                http.setUseCaches(false);
                http.setInstanceFollowRedirects(false);
                http.setDoOutput(true);
                http.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                http.setRequestProperty("Accept", "application/json");
                if (clientSecret != null) {
                    String pair = encode(clientId) + ":" + encode(clientSecret);
                    http.setRequestProperty("Authorization", "Basic "
                            + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
                }
                http.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = http.getOutputStream()) {
                    out.write(body);
                }
                status = http.getResponseCode();
                InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream();
                response = in == null ? new byte[0] : readBounded(in);
            } finally {
                http.disconnect();
            }
        } catch (IOException e) {
            throw new RetryableException("could not reach the OAuth token endpoint " + endpoint + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + scrub(e.getMessage(),
                    refreshToken)));
        }
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (IOException e) {
            parsed = null;
        }
        if (status >= 500) {
            throw new RetryableException("the OAuth token endpoint " + endpoint + " answered HTTP " + status);
        }
        if (status != 200) {
            String why = parsed == null || parsed.error() == null ? "" : " " + parsed.error()
                    + (parsed.errorDescription() == null ? "" : " (" + scrub(parsed.errorDescription(), refreshToken)
                    + ")");
            throw new TokenException(parsed != null && parsed.error() != null ? parsed.error() : "invalid_grant",
                    "the OAuth token endpoint " + endpoint + " refused the refresh token from the " + tokenSource
                            + ": HTTP " + status + why);
        }
        if (parsed == null || parsed.accessToken() == null) {
            throw new TokenException("invalid_token", "the OAuth token endpoint " + endpoint
                    + " answered without an access_token");
        }
        if (parsed.refreshToken() != null && !parsed.refreshToken().equals(refreshToken)) {
            rotatedRefreshToken = parsed.refreshToken();
        }
        long now = System.currentTimeMillis();
        AccessToken token = AccessToken.of(parsed, clientId, scope, now);
        if (token == null) {
            throw new TokenException("invalid_token", "the OAuth token endpoint " + endpoint + " gave an access"
                    + " token with no lifetime (neither a JWT exp claim nor expires_in)");
        }
        return token;
    }

    private String scrub(String text, String refreshToken) {
        String s = text.length() > 300 ? text.substring(0, 300) + "…" : text;
        for (String secret : new String[] {refreshToken, clientSecret}) {
            if (secret != null && !secret.isEmpty()) {
                s = s.replace(secret, "[hidden]");
            }
        }
        return s;
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("token endpoint response larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /** The file's first line, or null when it cannot be read or is over 64 KiB (read no further: a pipe, /dev/zero). */
    private static String readFirstLine(String file) {
        int max = 64 * 1024;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                return null;
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            int end = 0;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            return text.isEmpty() ? null : text.substring(0, end);
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }

    private static String option(Map<String, ?> options, String key) {
        Object v = options.get(key);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).strip();
        return s.isEmpty() ? null : s;
    }

    private static long number(Map<String, ?> configs, String key, long fallback) {
        Object v = configs.get(key);
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        if (v != null) {
            try {
                return Long.parseLong(String.valueOf(v).strip());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, v, "not a number");
            }
        }
        return fallback;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        rotatedRefreshToken = null;
    }

    @Override
    public String toString() {
        return "RefreshTokenLoginCallbackHandler[endpoint=" + endpoint + ", refresh token from the " + tokenSource
                + (clientId == null ? "" : ", clientId=" + clientId) + "]";
    }

    /** A failure Kafka should hear about with an OAuth error code. */
    private static final class TokenException extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        TokenException(String code, String message) {
            super(message, null, false, false);
            this.code = code == null || code.isBlank() ? "invalid_grant" : code.replaceAll("[^A-Za-z0-9_]", "_");
        }
    }

    /** A failure worth another try: the endpoint could not be reached or answered 5xx. */
    private static final class RetryableException extends Exception {
        private static final long serialVersionUID = 1L;

        RetryableException(String message) {
            super(message, null, false, false);
        }
    }
}
