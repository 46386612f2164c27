package io.logshipper.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.callback.Callback;
import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.AllowedOAuthUrls;
import io.logshipper.testing.PrintedSecrets;
import io.logshipper.testing.TestTokenServer;

/** The handler against the local token server, without a broker. */
class RefreshTokenLoginCallbackHandlerTest {

    private static final String TOKEN = "unit-refresh-token-7Hk2";
    private static TestTokenServer server;

    @BeforeAll
    static void start() {
        server = TestTokenServer.start().refreshToken(TOKEN, "dora");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RefreshTokenLoginCallbackHandler handler(Map<String, String> env, Map<String, Object> options) {
        RefreshTokenLoginCallbackHandler h = new RefreshTokenLoginCallbackHandler(env::get);
        Map<String, Object> configs = new HashMap<>();
        configs.put("sasl.oauthbearer.token.endpoint.url", server.tokenUrl());
        try (AllowedOAuthUrls allowed = AllowedOAuthUrls.allow(server.tokenUrl())) {
            h.configure(configs, "OAUTHBEARER", List.of(new AppConfigurationEntry(
                    OAuthBearerLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                    options)));
        }
        return h;
    }

    @Test
    void exchangesTheRefreshTokenForAnAccessTokenWithTheJwtsLifetimeAndSubject() throws Exception {
        server.expiresIn(Duration.ofSeconds(30));
        try {
            RefreshTokenLoginCallbackHandler h = handler(Map.of("RT", TOKEN), Map.of("refreshTokenEnv", "RT",
                    "clientId", "diaspora"));
            OAuthBearerTokenCallback token = new OAuthBearerTokenCallback();
            SaslExtensionsCallback extensions = new SaslExtensionsCallback();
            long before = System.currentTimeMillis();
            h.handle(new Callback[] {token, extensions});

            assertThat(token.errorCode()).isNull();
            assertThat(token.token().principalName()).isEqualTo("dora");
            assertThat(token.token().scope()).containsExactly("logs");
            assertThat(token.token().lifetimeMs()).isBetween(before + 28_000, before + 32_000);
            assertThat(extensions.extensions().map()).isEmpty();
            PrintedSecrets.assertNoneIn("toString", h + " " + token.token());
            assertThat(token.token().toString()).doesNotContain(token.token().value());
        } finally {
            server.expiresIn(Duration.ofSeconds(4));
        }
    }

    @Test
    void aRefusedTokenBecomesTheCallbacksErrorWithoutTheToken() throws Exception {
        RefreshTokenLoginCallbackHandler h = handler(Map.of("RT", "not-a-known-token-x1"), Map.of("refreshTokenEnv", "RT"));
        OAuthBearerTokenCallback token = new OAuthBearerTokenCallback();
        h.handle(new Callback[] {token});

        assertThat(token.token()).isNull();
        assertThat(token.errorCode()).isEqualTo("invalid_grant");
        assertThat(token.errorDescription()).startsWith("the OAuth token endpoint " + server.tokenUrl()
                + " refused the refresh token from the environment variable RT: HTTP 400 invalid_grant")
                .doesNotContain("not-a-known-token-x1");
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() throws Exception {
        RefreshTokenLoginCallbackHandler h = handler(Map.of(), Map.of("refreshTokenEnv", "NOT_SET_HERE"));
        OAuthBearerTokenCallback token = new OAuthBearerTokenCallback();
        h.handle(new Callback[] {token});

        assertThat(token.errorDescription()).isEqualTo("no OAuth refresh token in the environment variable NOT_SET_HERE");
    }

    @Test
    void aTokenFileIsReadToItsFirstLineAndAFileThatNeverEndsIsNamedNotRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rt"), TOKEN + "\nsecond line\n");
        OAuthBearerTokenCallback token = new OAuthBearerTokenCallback();
        handler(Map.of(), Map.of("refreshTokenFile", file.toString())).handle(new Callback[] {token});
        assertThat(token.errorCode()).isNull();
        assertThat(token.token().principalName()).isEqualTo("dora");

        // /dev/zero has no size and no end: read past 64 KiB, it is refused instead of filling the heap.
        OAuthBearerTokenCallback none = new OAuthBearerTokenCallback();
        handler(Map.of(), Map.of("refreshTokenFile", "/dev/zero")).handle(new Callback[] {none});
        assertThat(none.token()).isNull();
        assertThat(none.errorDescription()).isEqualTo("no OAuth refresh token in the file /dev/zero");
    }

    @Test
    void refusesARefreshTokenWrittenInTheConfigurationAndBadOptions() {
        assertThatThrownBy(() -> handler(Map.of(), Map.of("refreshToken", TOKEN)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a refresh token is never written in a"
                        + " configuration; give refreshTokenEnv").hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> handler(Map.of(), Map.of()))
                .hasMessageContaining("needs exactly one of the options refreshTokenEnv");
        assertThatThrownBy(() -> handler(Map.of(), Map.of("refreshTokenEnv", "A", "refreshTokenFile", "/f")))
                .hasMessageContaining("needs exactly one of the options refreshTokenEnv");
        assertThatThrownBy(() -> handler(Map.of(), Map.of("refreshTokenEnv", "A", "clientSecret", "s-e-c-r-e-t")))
                .hasMessage("sasl.jaas.config option clientSecret needs clientId too");
        assertThatThrownBy(() -> handler(Map.of(), Map.of("refreshTokenEnv", "A", "refreshtokenfile", "/f")))
                .hasMessageContaining("option refreshtokenfile is unknown");
    }

    @Test
    void reachesOnlyAnAllowedUrlAndNeverSetsTheProperty() {
        RefreshTokenLoginCallbackHandler h = new RefreshTokenLoginCallbackHandler(Map.<String, String>of()::get);
        assertThat(System.getProperty(AllowedOAuthUrls.PROPERTY)).isNull();

        assertThatThrownBy(() -> h.configure(Map.of("sasl.oauthbearer.token.endpoint.url", server.tokenUrl()),
                "OAUTHBEARER", List.of(new AppConfigurationEntry(OAuthBearerLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of("refreshTokenEnv", "RT")))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sasl.oauthbearer.token.endpoint.url " + server.tokenUrl() + " is not allowed: the"
                        + " application must list it in the JVM system property"
                        + " org.apache.kafka.sasl.oauthbearer.allowed.urls (e.g."
                        + " -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=" + server.tokenUrl() + ")");
        assertThat(System.getProperty(AllowedOAuthUrls.PROPERTY)).isNull();
    }
}
