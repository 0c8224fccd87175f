package dev.spool.it;

import dev.spool.testkit.MockResponse;
import dev.spool.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MockServer dispatcher that challenges with Digest (RFC 7616) and checks the answers, written
 * for the tests straight from the RFC and independent of the client's code.
 */
final class DigestServer implements Function<RecordedRequest, MockResponse> {
    private static final Pattern PARAM = Pattern.compile("([A-Za-z*]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))");

    final String realm = "spool@test";
    final String user;
    final String password;
    /** As sent in the challenge: MD5, MD5-sess, SHA-256, SHA-256-sess. */
    final String algorithm;
    /** "auth", or null for the RFC 2069 mode without qop. */
    final String qop;
    final String opaque = "opaque-value";
    private final AtomicInteger nonces = new AtomicInteger();
    private volatile String nonce;
    /** The nc values of the accepted answers, in arrival order. */
    final List<String> counts = new CopyOnWriteArrayList<>();
    final AtomicInteger challenges = new AtomicInteger();

    DigestServer(String user, String password, String algorithm, String qop) {
        this.user = user;
        this.password = password;
        this.algorithm = algorithm;
        this.qop = qop;
        rotateNonce();
    }

    /** Makes the current nonce stale: answers with it get {@code stale=true}. */
    void rotateNonce() {
        nonce = "nonce-" + nonces.incrementAndGet();
    }

    @Override
    public MockResponse apply(RecordedRequest request) {
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("Digest ")) {
            return challenge(false);
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(auth.substring(7));
        while (m.find()) {
            String v = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
            p.put(m.group(1).toLowerCase(), v);
        }
        if (!nonce.equals(p.get("nonce"))) {
            return challenge(true);
        }
        String jca = algorithm.startsWith("SHA-256") ? "SHA-256" : "MD5";
        String ha1 = hash(jca, user + ":" + realm + ":" + password);
        if (algorithm.endsWith("-sess")) {
            ha1 = hash(jca, ha1 + ":" + nonce + ":" + p.get("cnonce"));
        }
        String ha2 = hash(jca, request.method() + ":" + p.get("uri"));
        String expected = qop == null
                ? hash(jca, ha1 + ":" + nonce + ":" + ha2)
                : hash(jca, ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + qop + ":" + ha2);
        boolean ok = expected.equals(p.get("response")) && user.equals(p.get("username"))
                && request.target().equals(p.get("uri")) && opaque.equals(p.get("opaque"))
                && algorithm.equals(p.get("algorithm"));
        if (!ok) {
            return challenge(false);
        }
        if (qop != null) {
            counts.add(p.get("nc"));
        }
        return new MockResponse().body("authenticated " + p.get("username"));
    }

    private MockResponse challenge(boolean stale) {
        challenges.incrementAndGet();
        String c = "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", opaque=\"" + opaque + "\", algorithm="
                + algorithm + (qop == null ? "" : ", qop=\"" + qop + "\"") + (stale ? ", stale=true" : "");
        return new MockResponse().status(401).header("WWW-Authenticate", c).body("authentication required");
    }

    private static String hash(String jca, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
