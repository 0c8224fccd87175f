package dev.spool.auth;

import dev.spool.Request;
import dev.spool.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP Digest access authentication (RFC 7616, and RFC 2069's mode without qop). After the first
 * challenge from an origin, later requests to it carry a digest at once, with the nonce count
 * incremented atomically (nonce counts must never repeat for a nonce, RFC 7616 section 3.4).
 */
final class DigestAuth implements Auth {
    /** Bytes of randomness in a client nonce: 128 bits, as much as the nonces RFC 7616's examples use. */
    private static final int CNONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The hash algorithms of RFC 7616 section 6.1, strongest first (the order a client prefers them). */
    enum Algorithm {
        SHA_512_256("SHA-512-256", "SHA-512/256"),
        SHA_256("SHA-256", "SHA-256"),
        MD5("MD5", "MD5");

        final String token;
        final String jca;

        Algorithm(String token, String jca) {
            this.token = token;
            this.jca = jca;
        }

        String hash(String text) {
            try {
                MessageDigest md = MessageDigest.getInstance(jca);
                return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no " + jca + " digest", e);
            }
        }
    }

    private final String user;
    private final String password;
    /** The latest challenge per origin: a digest made for one server's nonce never goes to another. */
    private final ConcurrentMap<String, State> byOrigin = new ConcurrentHashMap<>();

    DigestAuth(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    /** A challenge accepted for an origin, and the count of requests sent with its nonce. */
    private static final class State {
        final Algorithm algorithm;
        final boolean sess;
        final String realm;
        final String nonce;
        final String opaque;
        final boolean qopAuth;
        final boolean userhash;
        final AtomicLong nonceCount = new AtomicLong();

        State(Algorithm algorithm, boolean sess, String realm, String nonce, String opaque, boolean qopAuth, boolean userhash) {
            this.algorithm = algorithm;
            this.sess = sess;
            this.realm = realm;
            this.nonce = nonce;
            this.opaque = opaque;
            this.qopAuth = qopAuth;
            this.userhash = userhash;
        }
    }

    @Override
    public Request apply(Request request) {
        State s = byOrigin.get(request.httpUrl().origin());
        if (s == null) {
            return request; // the first request goes without; the server's 401 tells how to answer
        }
        return withDigest(request, s);
    }

    @Override
    public Request challenge(Request sent, Response response) {
        Offer offer = pick(Challenge.parse(response.headers().all("WWW-Authenticate")));
        if (offer == null) {
            return null;
        }
        String sentNonce = sentNonce(sent);
        if (sentNonce != null && sentNonce.equals(offer.state.nonce) && !offer.stale) {
            // Our digest was refused for the very nonce we answered, and the server does not say it
            // was merely stale (RFC 7616 section 3.3): the credentials are wrong; sending again won't help.
            // A new nonce without stale=true (a server that rotates quietly) is answered once.
            return null;
        }
        byOrigin.put(sent.httpUrl().origin(), offer.state);
        return withDigest(sent, offer.state);
    }

    /** The nonce of the Digest credentials a request carried, or null when it carried none. */
    private static String sentNonce(Request sent) {
        String auth = sent.headers().get("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Digest ", 0, 7)) {
            return null;
        }
        // The credentials use the challenge's auth-param syntax, so the same parser reads them.
        List<Challenge> parsed = Challenge.parse(List.of(auth));
        return parsed.isEmpty() ? null : parsed.get(0).param("nonce");
    }

    /** A challenge this client can answer, and whether it said the previous nonce was stale. */
    private static final class Offer {
        final State state;
        final boolean stale;

        Offer(State state, boolean stale) {
            this.state = state;
            this.stale = stale;
        }
    }

    /** The strongest Digest challenge this client can answer, or null. */
    private static Offer pick(List<Challenge> challenges) {
        Offer best = null;
        for (Challenge c : challenges) {
            if (!c.is("Digest")) {
                continue;
            }
            String nonce = c.param("nonce");
            String realm = c.param("realm");
            if (nonce == null || realm == null) {
                continue;
            }
            String alg = c.param("algorithm");
            String a = alg == null ? "MD5" : alg.toUpperCase(Locale.ROOT);
            boolean sess = a.endsWith("-SESS");
            if (sess) {
                a = a.substring(0, a.length() - 5);
            }
            Algorithm algorithm = null;
            for (Algorithm x : Algorithm.values()) {
                if (x.token.equals(a)) {
                    algorithm = x;
                }
            }
            if (algorithm == null) {
                continue;
            }
            String qop = c.param("qop");
            boolean qopAuth = false;
            if (qop != null) {
                for (String q : qop.split(",")) {
                    if (q.trim().equalsIgnoreCase("auth")) {
                        qopAuth = true;
                    }
                }
                if (!qopAuth) {
                    continue; // only auth-int offered: that needs the body hashed, which is not supported
                }
            } else if (sess) {
                continue; // -sess needs a cnonce, which only qop modes send
            }
            if (best == null || algorithm.ordinal() < best.state.algorithm.ordinal()) {
                State s = new State(algorithm, sess, realm, nonce, c.param("opaque"), qopAuth,
                        "true".equalsIgnoreCase(c.param("userhash")));
                best = new Offer(s, "true".equalsIgnoreCase(c.param("stale")));
            }
        }
        return best;
    }

    private Request withDigest(Request request, State s) {
        long nc = s.nonceCount.incrementAndGet();
        byte[] raw = new byte[CNONCE_BYTES];
        RANDOM.nextBytes(raw);
        String cnonce = HexFormat.of().formatHex(raw);
        String uri = request.httpUrl().target();
        String header = header(s, request.method(), uri, String.format("%08x", nc), cnonce);
        return request.withHeaders(request.headers().with("Authorization", header));
    }

    private String header(State s, String method, String uri, String nc, String cnonce) {
        String response = response(s.algorithm, s.sess, user, s.realm, password, method, uri, s.nonce, nc, cnonce,
                s.qopAuth ? "auth" : null);
        StringBuilder sb = new StringBuilder("Digest ");
        if (s.userhash) {
            sb.append("username=\"").append(s.algorithm.hash(user + ":" + s.realm)).append("\", userhash=true");
        } else if (isPlainQuotable(user)) {
            sb.append("username=\"").append(escape(user)).append('"');
        } else {
            // RFC 7616 section 3.4.4: a name that a quoted-string cannot carry goes as username*.
            sb.append("username*=UTF-8''").append(percentEncode(user));
        }
        sb.append(", realm=\"").append(escape(s.realm)).append('"')
                .append(", nonce=\"").append(escape(s.nonce)).append('"')
                .append(", uri=\"").append(escape(uri)).append('"')
                .append(", algorithm=").append(s.algorithm.token).append(s.sess ? "-sess" : "")
                .append(", response=\"").append(response).append('"');
        if (s.opaque != null) {
            sb.append(", opaque=\"").append(escape(s.opaque)).append('"');
        }
        if (s.qopAuth) {
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        return sb.toString();
    }

    /**
     * The {@code response} value of RFC 7616 section 3.4.1: with {@code qop} (RFC 7616) or without
     * it (RFC 2069); {@code -sess} hashes the nonce and cnonce into A1 (section 3.4.2).
     */
    static String response(Algorithm alg, boolean sess, String user, String realm, String password, String method,
                           String uri, String nonce, String nc, String cnonce, String qop) {
        String ha1 = alg.hash(user + ":" + realm + ":" + password);
        if (sess) {
            ha1 = alg.hash(ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = alg.hash(method + ":" + uri);
        if (qop == null) {
            return alg.hash(ha1 + ":" + nonce + ":" + ha2);
        }
        return alg.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private static boolean isPlainQuotable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String s) {
        if (s.indexOf('"') < 0 && s.indexOf('\\') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String percentEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Auth.digest(" + user + ", ***)";
    }
}
