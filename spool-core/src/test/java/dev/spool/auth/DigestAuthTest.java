package dev.spool.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Url;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Digest responses against the RFCs' own examples, and the challenge/answer behaviour without sockets. */
@Timeout(20)
class DigestAuthTest {
    private static final String NONCE_7616 = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE_7616 = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @ParameterizedTest(name = "{0}{1} qop={9}: {10}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // RFC 7616 section 3.9.1, MD5 and SHA-256
        "MD5 | false | Mufasa | http-auth@example.org | Circle of Life | /dir/index.html | " + NONCE_7616
            + " | 00000001 | " + CNONCE_7616 + " | auth | 8ca523f5e9506fed4657c9700eebdbec",
        "SHA_256 | false | Mufasa | http-auth@example.org | Circle of Life | /dir/index.html | " + NONCE_7616
            + " | 00000001 | " + CNONCE_7616 + " | auth | 753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
        // RFC 2617 section 3.5
        "MD5 | false | Mufasa | testrealm@host.com | Circle Of Life | /dir/index.html | dcd98b7102dd2f0e8b11d0f600bfb0c093"
            + " | 00000001 | 0a4f113b | auth | 6629fae49393a05397450978507c4ef1",
        // No RFC example exists for these; the values were computed independently with Python's hashlib.
        "MD5 | false | Mufasa | testrealm@host.com | Circle Of Life | /dir/index.html | dcd98b7102dd2f0e8b11d0f600bfb0c093"
            + " | 00000001 | 0a4f113b | null | 670fd8c2df070c60b045671b8b24ff02",
        "MD5 | true | Mufasa | http-auth@example.org | Circle of Life | /dir/index.html | " + NONCE_7616
            + " | 00000001 | " + CNONCE_7616 + " | auth | e783283f46242139c486a698fec7211d",
        "SHA_256 | true | Mufasa | http-auth@example.org | Circle of Life | /dir/index.html | " + NONCE_7616
            + " | 00000002 | " + CNONCE_7616 + " | auth | 6bb0010aa4bdf46422a798c509ea32e256f27bd37de5cc3bdf8ed51e1d77d650",
        "SHA_512_256 | false | Mufasa | http-auth@example.org | Circle of Life | /dir/index.html | " + NONCE_7616
            + " | 00000001 | " + CNONCE_7616 + " | auth | 430d05014cecc49cab6fbe03176d41a1da86cbfe24a16580e22aaad928d960d0",
    })
    void responseMatchesTheRfcExamples(DigestAuth.Algorithm alg, boolean sess, String user, String realm,
                                       String password, String uri, String nonce, String nc, String cnonce,
                                       String qop, String expected) {
        assertEquals(expected, DigestAuth.response(alg, sess, user, realm, password, "GET", uri, nonce, nc, cnonce, qop));
    }

    @Test
    void userhashMatchesRfc7616Section392() {
        assertEquals("5a1a8a47df5c298551b9b42ba9b05835174a5bd7d511ff7fe9191d8e946fc4e7",
                DigestAuth.Algorithm.SHA_256.hash("J\u00e4s\u00f8n Doe:api@example.org"));
    }

    // --- behaviour on synthetic 401s --------------------------------------------------------------

    private static Request get(String url) {
        return new Request("GET", Url.parse(url), Headers.EMPTY, null, null);
    }

    private static Response challenge(Request r, String... wwwAuthenticate) {
        Headers.Builder h = Headers.builder();
        for (String v : wwwAuthenticate) {
            h.add("WWW-Authenticate", v);
        }
        return Response.builder().request(r).status(401).headers(h.build()).build();
    }

    private static Challenge sent(Request r) {
        List<Challenge> c = Challenge.parse(List.of(r.headers().get("Authorization")));
        assertEquals(1, c.size());
        return c.get(0);
    }

    @Test
    void answersAChallengeAndThenSendsPreemptivelyWithACountingNonce() {
        Auth auth = Auth.digest("Mufasa", "Circle of Life");
        Request first = get("http://h.example/dir/index.html?x=1");
        assertSame(first, auth.apply(first), "nothing to send before the first challenge");
        Request again = auth.challenge(first, challenge(first,
                "Digest realm=\"r\", qop=\"auth,auth-int\", nonce=\"n1\", opaque=\"op\", algorithm=MD5"));
        Challenge a = sent(again);
        assertEquals("Mufasa", a.param("username"));
        assertEquals("/dir/index.html?x=1", a.param("uri"));
        assertEquals("n1", a.param("nonce"));
        assertEquals("op", a.param("opaque"), "opaque is echoed");
        assertEquals("auth", a.param("qop"));
        assertEquals("00000001", a.param("nc"));
        assertEquals("MD5", a.param("algorithm"));
        assertEquals(32, a.param("cnonce").length(), "128 random bits in hex");
        assertEquals(DigestAuth.response(DigestAuth.Algorithm.MD5, false, "Mufasa", "r", "Circle of Life", "GET",
                "/dir/index.html?x=1", "n1", "00000001", a.param("cnonce"), "auth"), a.param("response"));
        Challenge b = sent(auth.apply(get("http://h.example/other")));
        assertEquals("00000002", b.param("nc"), "the next request to the origin reuses the nonce, counting on");
        assertTrue(!a.param("cnonce").equals(b.param("cnonce")), "a new cnonce per request");
        assertNull(auth.apply(get("http://elsewhere.example/")).headers().get("Authorization"),
                "a digest made for one origin's nonce is not sent to another");
    }

    @Test
    void prefersTheStrongestAlgorithmOffered() {
        Auth auth = Auth.digest("u", "p");
        Request r = get("http://h.example/");
        Request again = auth.challenge(r, challenge(r,
                "Digest realm=\"r\", nonce=\"n\", qop=auth, algorithm=MD5",
                "Digest realm=\"r\", nonce=\"n\", qop=auth, algorithm=SHA-256-sess, Basic realm=\"b\""));
        assertEquals("SHA-256-sess", sent(again).param("algorithm"));
    }

    @Test
    void legacyModeWithoutQopSendsNoCounter() {
        Auth auth = Auth.digest("Mufasa", "Circle Of Life");
        Request r = get("http://h.example/dir/index.html");
        Challenge a = sent(auth.challenge(r, challenge(r, "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"")));
        assertNull(a.param("qop"));
        assertNull(a.param("nc"));
        assertNull(a.param("cnonce"));
        assertEquals("670fd8c2df070c60b045671b8b24ff02", a.param("response"));
    }

    @Test
    void staleNonceIsAnsweredWithTheNewOneAndWrongCredentialsAreNot() {
        Auth auth = Auth.digest("u", "p");
        Request r = get("http://h.example/");
        Request withOld = auth.challenge(r, challenge(r, "Digest realm=\"r\", nonce=\"old\", qop=auth"));
        Request withNew = auth.challenge(withOld, challenge(withOld, "Digest realm=\"r\", nonce=\"new\", qop=auth, stale=true"));
        assertNotNull(withNew, "stale=true: send again with the new nonce");
        assertEquals("new", sent(withNew).param("nonce"));
        assertEquals("00000001", sent(withNew).param("nc"), "the count starts over for a new nonce");
        assertNull(auth.challenge(withNew, challenge(withNew, "Digest realm=\"r\", nonce=\"new\", qop=auth")),
                "the same nonce refused without stale=true means wrong credentials: not sent again");
        Request rotated = auth.challenge(withNew, challenge(withNew, "Digest realm=\"r\", nonce=\"newer\", qop=auth"));
        assertEquals("newer", sent(rotated).param("nonce"), "a quietly rotated nonce is answered");
    }

    @Test
    void challengesItCannotAnswerAreLeftToTheCaller() {
        Auth auth = Auth.digest("u", "p");
        Request r = get("http://h.example/");
        assertNull(auth.challenge(r, challenge(r, "Basic realm=\"x\"")));
        assertNull(auth.challenge(r, challenge(r, "Digest realm=\"r\", nonce=\"n\", qop=auth-int")));
        assertNull(auth.challenge(r, challenge(r, "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1")));
        assertNull(auth.challenge(r, challenge(r, "Digest realm=\"r\"")), "no nonce");
    }

    @Test
    void userhashAndNamesThatNeedEncoding() {
        Request r = get("http://h.example/");
        Challenge hashed = sent(Auth.digest("J\u00e4s\u00f8n Doe", "Secret, or not?").challenge(r, challenge(r,
                "Digest realm=\"api@example.org\", nonce=\"n\", qop=auth, algorithm=SHA-256, userhash=true")));
        assertEquals("5a1a8a47df5c298551b9b42ba9b05835174a5bd7d511ff7fe9191d8e946fc4e7", hashed.param("username"));
        assertEquals("true", hashed.param("userhash"));
        Challenge starred = sent(Auth.digest("J\u00e4s\u00f8n Doe", "x").challenge(r, challenge(r,
                "Digest realm=\"api\", nonce=\"n\", qop=auth")));
        assertEquals("UTF-8''J%C3%A4s%C3%B8n%20Doe", starred.param("username*"));
        Challenge quoted = sent(Auth.digest("a\"b\\c", "x").challenge(r, challenge(r, "Digest realm=\"api\", nonce=\"n\", qop=auth")));
        assertEquals("a\"b\\c", quoted.param("username"), "quotes and backslashes escaped, and read back");
    }

    @Test
    void nonceCountsNeverRepeatUnderConcurrentRequests() throws Exception {
        Auth auth = Auth.digest("u", "p");
        Request r = get("http://h.example/");
        auth.challenge(r, challenge(r, "Digest realm=\"r\", nonce=\"n\", qop=auth"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<String> counts = new ArrayList<>();
                    for (int i = 0; i < 250; i++) {
                        counts.add(sent(auth.apply(r)).param("nc"));
                    }
                    return counts;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get(15, TimeUnit.SECONDS));
            }
            assertEquals(1000, all.size(), "1000 requests, 1000 distinct nonce counts");
            assertTrue(all.contains(String.format("%08x", 1001)), "counts 2 to 1001 after the first answer");
        } finally {
            pool.shutdownNow();
        }
    }
}
