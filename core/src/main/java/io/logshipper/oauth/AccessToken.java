package io.logshipper.oauth;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;

/** An access token as Kafka's login module holds it; its {@code toString} shows no token. */
final class AccessToken implements OAuthBearerToken {

    private final String value;
    private final Set<String> scope;
    private final long lifetimeMs;
    private final String principal;
    private final Long startTimeMs;

    private AccessToken(String value, Set<String> scope, long lifetimeMs, String principal, Long startTimeMs) {
        this.value = value;
        this.scope = Set.copyOf(scope);
        this.lifetimeMs = lifetimeMs;
        this.principal = principal;
        this.startTimeMs = startTimeMs;
    }

    /**
     * The token of a successful answer: lifetime, principal and scope from the JWT's claims when it is a JWT, else
     * from {@code expires_in}, the client id and the answer's {@code scope}; null when no lifetime is known.
     */
    static AccessToken of(TokenResponse response, String clientId, String requestedScope, long nowMs) {
        Claims claims = Claims.of(response.accessToken());
        Long lifetime = claims.exp != null ? Long.valueOf(claims.exp * 1000)
                : response.expiresIn() != null ? Long.valueOf(nowMs + response.expiresIn() * 1000) : null;
        if (lifetime == null) {
            return null;
        }
        String principal = claims.sub != null ? claims.sub : clientId != null ? clientId : "logshipper";
        Set<String> scope = !claims.scope.isEmpty() ? claims.scope
                : words(response.scope() != null ? response.scope() : requestedScope);
        Long start = claims.iat != null ? Long.valueOf(claims.iat * 1000) : Long.valueOf(nowMs);
        return new AccessToken(response.accessToken(), scope, lifetime, principal, start);
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public Set<String> scope() {
        return scope;
    }

    @Override
    public long lifetimeMs() {
        return lifetimeMs;
    }

    @Override
    public String principalName() {
        return principal;
    }

    @Override
    public Long startTimeMs() {
        return startTimeMs;
    }

    @Override
    public String toString() {
        return "AccessToken[principal=" + principal + ", scope=" + scope + ", lifetimeMs=" + lifetimeMs + "]";
    }

    private static Set<String> words(String s) {
        Set<String> out = new LinkedHashSet<>();
        if (s != null) {
            for (String w : s.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** The claims of a JWT's payload that matter here; all null for an opaque token. */
    private static final class Claims {
        Long exp;
        Long iat;
        String sub;
        Set<String> scope = new LinkedHashSet<>();

        static Claims of(String token) {
            Claims c = new Claims();
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                return c;
            }
            byte[] payload;
            try {
                payload = Base64.getUrlDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                return c;
            }
            try (JsonParser p = TokenResponse.JSON.createParser(payload)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return new Claims();
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if (name.equals("scope") && t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            c.scope.add(p.getText());
                        }
                        continue;
                    }
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        p.skipChildren();
                        continue;
                    }
                    switch (name) {
                        case "exp" -> c.exp = t.isNumeric() ? Long.valueOf(p.getLongValue()) : null;
                        case "iat" -> c.iat = t.isNumeric() ? Long.valueOf(p.getLongValue()) : null;
                        case "sub" -> c.sub = p.getValueAsString();
                        case "scope" -> c.scope = words(p.getValueAsString());
                        default -> {
                        }
                    }
                }
            } catch (IOException e) {
                return new Claims();
            }
            return c;
        }
    }

}
