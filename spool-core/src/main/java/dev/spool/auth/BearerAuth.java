package dev.spool.auth;

import dev.spool.Request;
import java.util.Objects;

/** A bearer token (RFC 6750 section 2.1) sent with every request. */
final class BearerAuth implements Auth {
    private final String header;

    BearerAuth(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("bearer token is empty");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("bearer token has a space, control or non-ASCII character at index "
                        + i + " (RFC 6750 section 2.1 allows letters, digits and -._~+/=)");
            }
        }
        this.header = "Bearer " + token;
    }

    @Override
    public Request apply(Request request) {
        return request.withHeaders(request.headers().with("Authorization", header));
    }

    @Override
    public String toString() {
        return "Auth.bearer(***)";
    }
}
