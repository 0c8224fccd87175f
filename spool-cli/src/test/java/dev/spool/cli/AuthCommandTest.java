package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code -u}, {@code --digest} and {@code --bearer} as a process against a loopback MockServer that checks them. */
@Timeout(120)
class AuthCommandTest {
    private static final String REALM = "spool-test";
    private static final String NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

    @Test
    void basicCredentialsGoToEveryUrlAndThePasswordMayHoldAColon() {
        try (MockServer server = MockServer.start()) {
            Cli.Result r = Cli.run("get", "-u", "alice:s3:cret", server.url("/a"), server.url("/b"));
            assertEquals(0, r.exit(), r.toString());
            String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s3:cret".getBytes(StandardCharsets.UTF_8));
            for (RecordedRequest q : server.recordedRequests()) {
                assertEquals(expected, q.header("Authorization"), "split at the first ':', as curl does: " + q);
            }
            assertEquals(2, server.requestCount());
        }
    }

    @Test
    void aBearerTokenIsSentAsIs() {
        try (MockServer server = MockServer.start()) {
            Cli.Result r = Cli.run("delete", "--bearer", "tok.en-1~/=", server.url("/item"));
            assertEquals(0, r.exit(), r.toString());
            assertEquals("Bearer tok.en-1~/=", server.recordedRequests().get(0).header("Authorization"));
        }
    }

    @Test
    void digestAnswersTheChallengeOnceAndThenSendsTheDigestAtOnce() {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(q -> digestCheck(q, "alice", "s3cret"));
            Cli.Result r = Cli.run("get", "--print", "hb", "--digest", "-u", "alice:s3cret", server.url("/a"), server.url("/b"));
            assertEquals(0, r.exit(), r.toString());
            assertEquals("welcome to /a\nwelcome to /b\n", r.stdout());
            List<RecordedRequest> seen = server.recordedRequests();
            assertEquals(3, seen.size(), "one 401 for the first URL; the second URL gets the digest at once: " + seen);
            assertNull(seen.get(0).header("Authorization"));
            assertTrue(seen.get(1).header("Authorization").contains("nc=00000001"), seen.get(1).header("Authorization"));
            assertTrue(seen.get(2).header("Authorization").contains("nc=00000002"), seen.get(2).header("Authorization"));
            assertEquals(2, count(r.stderr(), "HTTP/1.1 200 OK"), r.stderr());
            assertFalse(r.stderr().contains("401"), "the 401 is answered by the library, not shown: " + r.stderr());

            Cli.Result wrong = Cli.run("get", "--fail", "--digest", "-u", "alice:wrong", server.url("/c"));
            assertEquals(ExitCodes.HTTP_ERROR, wrong.exit(), wrong.toString());
            assertTrue(wrong.stderr().contains("spool: HTTP 401 Unauthorized from " + server.url("/c")), wrong.stderr());
        }
    }

    @Test
    void credentialMistakesAreUsageErrors() {
        Cli.Result noPassword = Cli.run("get", "-u", "alice", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, noPassword.exit(), noPassword.toString());
        assertTrue(noPassword.stderr().startsWith("spool: -u alice has no password, and there is no terminal to ask for it: "
                + "give -u alice:PASSWORD\n"), "piped, the command never waits on a prompt: " + noPassword.stderr());

        Cli.Result digestAlone = Cli.run("get", "--digest", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, digestAlone.exit(), digestAlone.toString());
        assertTrue(digestAlone.stderr().startsWith("spool: --digest needs -u USER[:PASSWORD]\n"), digestAlone.stderr());

        Cli.Result both = Cli.run("get", "-u", "a:b", "--bearer", "t", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, both.exit(), both.toString());
        assertTrue(both.stderr().startsWith("spool: give -u (Basic or Digest) or --bearer, not both"), both.stderr());

        Cli.Result badToken = Cli.run("get", "--bearer", "a b", "http://127.0.0.1:1/");
        assertEquals(ExitCodes.USAGE, badToken.exit(), badToken.toString());
        assertTrue(badToken.stderr().startsWith("spool: --bearer: bearer token has a space, control or non-ASCII character at index 1"),
                badToken.stderr());
    }

    /**
     * A server's side of RFC 7616 Digest with MD5 and {@code qop=auth}: a request without a valid
     * digest for these credentials gets a 401 challenge; one with it gets 200.
     */
    static MockResponse digestCheck(RecordedRequest q, String user, String password) {
        String auth = q.header("Authorization");
        if (auth != null && auth.startsWith("Digest ")) {
            Map<String, String> p = params(auth.substring(7));
            String ha1 = md5(user + ":" + REALM + ":" + password);
            String ha2 = md5(q.method() + ":" + p.get("uri"));
            String expected = md5(ha1 + ":" + NONCE + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
            if (user.equals(p.get("username")) && NONCE.equals(p.get("nonce")) && q.target().equals(p.get("uri"))
                    && "auth".equals(p.get("qop")) && expected.equals(p.get("response"))) {
                return new MockResponse().body("welcome to " + q.path() + "\n");
            }
        }
        return new MockResponse().status(401).header("WWW-Authenticate",
                "Digest realm=\"" + REALM + "\", qop=\"auth\", nonce=\"" + NONCE + "\", algorithm=MD5").body("who are you?\n");
    }

    private static final Pattern PARAM = Pattern.compile("([a-zA-Z]+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private static Map<String, String> params(String header) {
        Map<String, String> out = new HashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            out.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has MD5", e);
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
