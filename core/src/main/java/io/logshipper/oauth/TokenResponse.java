package io.logshipper.oauth;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/** The fields of an OAuth 2 token endpoint's JSON answer (RFC 6749 §5.1, §5.2) that the handler uses. */
record TokenResponse(String accessToken, String refreshToken, Long expiresIn, String scope, String error,
                     String errorDescription) {

    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(256 * 1024)
                    .build())
            .build();

    /** Reads the top-level fields; nested values are skipped. */
    static TokenResponse parse(byte[] json) throws IOException {
        String access = null;
        String refresh = null;
        Long expires = null;
        String scope = null;
        String error = null;
        String description = null;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                switch (name) {
                    case "access_token" -> access = p.getValueAsString();
                    case "refresh_token" -> refresh = p.getValueAsString();
                    case "expires_in" -> {
                        long n = p.getValueAsLong(-1);
                        expires = n > 0 ? n : null;
                    }
                    case "scope" -> scope = p.getValueAsString();
                    case "error" -> error = p.getValueAsString();
                    case "error_description" -> description = p.getValueAsString();
                    default -> {
                    }
                }
            }
        }
        return new TokenResponse(access, refresh, expires, scope, error, description);
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + ", scope=" + scope + ", error=" + error + "]";
    }
}
