package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.InvalidRequestException;
import dev.spool.Session;
import dev.spool.auth.Auth;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials from a netrc file, as requests applies them under {@code trust_env}: to requests
 * without auth of their own, for the host they go to, hop by hop. "localhost" and "127.0.0.1" reach
 * the same server under two host names.
 */
@Timeout(30)
class NetrcTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Session.Builder withNetrc(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("netrc"), text);
        return Session.builder().environment(Map.of("NETRC", file.toString()));
    }

    private static String localhostUrl(MockServer server, String path) {
        return "http://localhost:" + server.port() + path;
    }

    @Test
    void credentialsGoToTheirMachineAndNoOther() throws IOException {
        try (MockServer server = MockServer.start();
             Session s = withNetrc("machine 127.0.0.1 login alice password s3cret\n").build()) {
            s.get(server.url("/mine"));
            s.get(localhostUrl(server, "/other"));
            assertEquals(basic("alice", "s3cret"), server.takeRequest(WAIT).header("Authorization"));
            RecordedRequest other = server.takeRequest(WAIT);
            assertEquals("localhost:" + server.port(), other.header("Host"));
            assertNull(other.header("Authorization"), "nothing for localhost in the file");
        }
    }

    @Test
    void theRequestsTheSessionsAndTheUrlsOwnAuthWin() throws IOException {
        String netrc = "machine 127.0.0.1 login alice password s3cret\n";
        try (MockServer server = MockServer.start()) {
            try (Session s = withNetrc(netrc).build()) {
                s.request("GET", server.url("/")).auth(Auth.bearer("tok")).send();
                s.get("http://bob:pw@127.0.0.1:" + server.port() + "/");
            }
            try (Session s = withNetrc(netrc).auth(Auth.basic("carol", "c")).build()) {
                s.get(server.url("/"));
            }
            assertEquals("Bearer tok", server.takeRequest(WAIT).header("Authorization"));
            assertEquals(basic("bob", "pw"), server.takeRequest(WAIT).header("Authorization"));
            assertEquals(basic("carol", "c"), server.takeRequest(WAIT).header("Authorization"));
        }
    }

    /**
     * CVE-2024-47081, the netrc case it was reported for: {@code http://a.example:@127.0.0.1/} goes to
     * 127.0.0.1 (user "a.example"), so a.example's netrc entry must not be looked up for it.
     */
    @Test
    void cve_2024_47081_theEntryIsLookedUpForTheHostTheUrlParsesTo() throws IOException {
        try (MockServer server = MockServer.start();
             Session s = withNetrc("machine a.example login alice password secret\n").build()) {
            s.get("http://a.example:@127.0.0.1:" + server.port() + "/");
            RecordedRequest rec = server.takeRequest(WAIT);
            assertEquals("127.0.0.1:" + server.port(), rec.header("Host"));
            assertEquals(basic("a.example", ""), rec.header("Authorization"),
                    "the URL's own (empty-password) credentials, never a.example's netrc entry");
        }
    }

    @Test
    void trustEnvOffReadsNoNetrc() throws IOException {
        try (MockServer server = MockServer.start();
             Session s = withNetrc("machine 127.0.0.1 login alice password s3cret\n").trustEnv(false).build()) {
            s.get(server.url("/"));
            assertNull(server.takeRequest(WAIT).header("Authorization"));
        }
    }

    @Test
    void theDefaultEntryAnswersForAnyHost() throws IOException {
        try (MockServer server = MockServer.start();
             Session s = withNetrc("default login anon password guest\n").build()) {
            s.get(localhostUrl(server, "/"));
            assertEquals(basic("anon", "guest"), server.takeRequest(WAIT).header("Authorization"));
        }
    }

    /** requests' rebuild_auth: leaving the origin drops the call's auth and applies the new host's netrc entry. */
    @Test
    void aRedirectToAnotherHostTakesThatHostsEntryAndNeverTheFirstHostsCredentials() throws IOException {
        String netrc = "machine 127.0.0.1 login alice password a\nmachine localhost login bob password b\n";
        try (MockServer server = MockServer.start()) {
            try (Session s = withNetrc(netrc).build()) {
                server.enqueue(new MockResponse().status(302).header("Location", localhostUrl(server, "/landing")));
                server.enqueue(new MockResponse());
                s.get(server.url("/start"));
            }
            try (Session s = withNetrc(netrc).auth(Auth.basic("carol", "c")).build()) {
                server.enqueue(new MockResponse().status(302).header("Location", localhostUrl(server, "/landing")));
                server.enqueue(new MockResponse());
                s.get(server.url("/start"));
            }
            assertEquals(basic("alice", "a"), server.takeRequest(WAIT).header("Authorization"));
            RecordedRequest landing = server.takeRequest(WAIT);
            assertEquals("localhost:" + server.port(), landing.header("Host"));
            assertEquals(basic("bob", "b"), landing.header("Authorization"));
            assertEquals(basic("carol", "c"), server.takeRequest(WAIT).header("Authorization"));
            assertEquals(basic("bob", "b"), server.takeRequest(WAIT).header("Authorization"),
                    "the session's auth stays behind; the new host's netrc entry applies");
        }
    }

    @Test
    void aMalformedNetrcFailsTheSessionNamingFileAndLine() throws IOException {
        Session.Builder b = withNetrc("machine a.test login x\n  pasword y\n");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, b::build);
        assertTrue(e.getMessage().startsWith("netrc file " + dir.resolve("netrc") + ", line 2: unknown token 'pasword'"),
                e.getMessage());
    }
}
