package dev.spool.auth;

import dev.spool.Request;
import dev.spool.Response;
import java.util.Locale;
import java.util.Objects;

/** An auth that applies only to one host, as the URL parses it (never the text before an '@'). */
final class HostAuth implements Auth {
    private final String host;
    private final Auth auth;

    HostAuth(String host, Auth auth) {
        Objects.requireNonNull(host, "host");
        this.auth = Objects.requireNonNull(auth, "auth");
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            throw new IllegalArgumentException("Auth.forHost needs a host");
        }
        this.host = h;
    }

    private boolean applies(Request request) {
        return request.httpUrl().host().equals(host);
    }

    @Override
    public Request apply(Request request) {
        return applies(request) ? auth.apply(request) : request;
    }

    @Override
    public Request challenge(Request sent, Response response) {
        return applies(sent) ? auth.challenge(sent, response) : null;
    }

    @Override
    public String toString() {
        return "Auth.forHost(" + host + ", " + auth + ")";
    }
}
