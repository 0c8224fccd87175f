package dev.spool.auth;

import dev.spool.Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** HTTP Basic authentication (RFC 7617) with fixed credentials. */
final class BasicAuth implements Auth {
    private final String user;
    private final String header;

    BasicAuth(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic auth user may not contain ':' (RFC 7617 section 2)");
        }
        this.user = user;
        this.header = encode(user, password);
    }

    /** The {@code Authorization} value for these credentials, encoded as UTF-8 (RFC 7617 section 2.1). */
    static String encode(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Request apply(Request request) {
        return request.withHeaders(request.headers().with("Authorization", header));
    }

    @Override
    public String toString() {
        return "Auth.basic(" + user + ", ***)";
    }
}
