package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ConnectTimeoutException;
import dev.spool.ProxyException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.MockProxy;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxies against a real proxy on loopback ({@link MockProxy}): plain HTTP forwarded in absolute form
 * on connections shared per proxy, HTTPS through one reused CONNECT tunnel per destination, proxy
 * credentials only where they belong, the environment's settings, and SOCKS5.
 */
@Timeout(60)
class ProxyTest {
    private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes());

    @TempDir
    Path dir;

    /** A session that reads no environment but the one given (none here). */
    private static Session.Builder session() {
        return Session.builder().environment(Map.of());
    }

    @Test
    void plainHttpIsForwardedInAbsoluteFormOnConnectionsSharedPerProxy() {
        try (MockServer a = MockServer.start(); MockServer b = MockServer.start(); MockProxy proxy = MockProxy.start();
             Session s = session().proxy(proxy.url()).build()) {
            Response r1 = s.get(a.url("/x?q=1"));
            Response r2 = s.get(b.url("/y"));
            Response r3 = s.get(a.url("/z"));
            assertEquals("ok", r3.text());
            List<RecordedRequest> seen = proxy.forwarded();
            assertEquals(List.of(a.url("/x?q=1"), b.url("/y"), a.url("/z")), seen.stream().map(RecordedRequest::target).toList());
            assertEquals("127.0.0.1:" + a.port(), seen.get(0).header("Host"), "Host names the origin, not the proxy");
            assertEquals(1, proxy.connectionCount(), "one connection to the proxy carried requests for both origins");
            assertEquals(1, s.poolStats().origins().size());
            assertEquals("http://127.0.0.1:" + proxy.port(), s.poolStats().origins().get(0).origin(), "the pool key is the proxy");
            assertFalse(r1.connection().reused());
            assertTrue(r2.connection().reused() && r3.connection().reused());
            assertEquals(proxy.url(), r1.connection().proxy());
            assertEquals(proxy.port(), r1.connection().remote().getPort(), "the socket goes to the proxy");
            assertEquals("/x?q=1", a.takeRequest(java.time.Duration.ofSeconds(5)).target(), "the origin got origin-form from the proxy");
        }
    }

    @Test
    void logLinesNameTheProxyAndTheAbsoluteTarget() {
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start();
             Session s = session().proxy(proxy.url()).build()) {
            s.get(server.url("/x"));
            assertEquals(List.of("DEBUG Starting new HTTP connection (1): 127.0.0.1:" + proxy.port()),
                    log.matching("DEBUG Starting new"), "urllib3's ProxyManager logs the proxy too");
            assertEquals(List.of("DEBUG " + proxy.url() + " \"GET " + server.url("/x") + " HTTP/1.1\" 200 2"),
                    log.matching("DEBUG http://"));
        }
    }

    @Test
    void proxyCredentialsGoToAPlainHttpProxyAsBasicAuthorization() {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start().requireCredentials("alice", "s3cret")) {
            try (Session s = session().proxy(proxy.url("alice", "s3cret")).build()) {
                assertEquals(200, s.get(server.url("/a")).status());
                assertEquals(ALICE, proxy.forwarded().get(0).header("Proxy-Authorization"));
                // The proxy URL's credentials replace a header the caller set.
                assertEquals(200, s.request("GET", server.url("/b")).header("Proxy-Authorization", "Basic bWFsbG9yeTp4").send().status());
                assertEquals(List.of(ALICE), proxy.forwarded().get(1).headers().all("Proxy-Authorization"));
            }
            try (Session s = session().proxy(proxy.url()).build()) {
                // Without credentials a forwarding proxy's 407 is an ordinary response, as in requests.
                Response r = s.get(server.url("/c"));
                assertEquals(407, r.status());
                assertEquals("Basic realm=\"MockProxy\"", r.header("Proxy-Authenticate"));
            }
            assertEquals(2, server.requestCount(), "the refused request never reached the origin");
        }
    }

    @Test
    void httpsGoesThroughOneConnectTunnelPerDestinationAndTheTunnelIsReused() {
        try (MockServer a = MockServer.startTls(); MockServer b = MockServer.startTls(); MockProxy proxy = MockProxy.start()) {
            Path pem = a.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = session().caBundle(pem).proxy(proxy.url()).build()) {
                Response r1 = s.get(a.url("/1"));
                Response r2 = s.get(a.url("/2"));
                Response r3 = s.get(b.url("/3"));
                assertEquals("ok", r1.text());
                assertEquals("ok", r3.text());
                List<RecordedRequest> connects = proxy.connects();
                assertEquals(2, connects.size(), "one tunnel per destination");
                assertEquals("127.0.0.1:" + a.port(), connects.get(0).target());
                assertEquals("127.0.0.1:" + a.port(), connects.get(0).header("Host"));
                assertEquals("127.0.0.1:" + b.port(), connects.get(1).target());
                assertEquals(1, a.connectionCount(), "the origin saw one (tunnelled) connection for two requests");
                assertTrue(r2.connection().reused());
                assertEquals(1, r2.connection().number());
                assertEquals(proxy.url(), r2.connection().proxy());
                assertTrue(r1.connection().tlsVersion() != null, "TLS runs end to end through the tunnel");
                assertEquals(0, proxy.forwarded().size(), "nothing of HTTPS was forwarded in clear");
                assertEquals("/2", a.recordedRequests().get(1).target(), "origin-form inside the tunnel");
            }
        }
    }

    /**
     * CVE-2023-32681: requests once sent {@code Proxy-Authorization} into the CONNECT tunnel, to the
     * destination server. The credentials must go on the CONNECT only; the origin sees none of them,
     * not even a header the caller set.
     */
    @Test
    void proxyCredentialsNeverEnterTheTunnel_CVE_2023_32681() {
        try (MockServer origin = MockServer.startTls(); MockProxy proxy = MockProxy.start().requireCredentials("alice", "s3cret")) {
            Path pem = origin.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = session().caBundle(pem).proxy(proxy.url("alice", "s3cret")).build()) {
                assertEquals(200, s.get(origin.url("/a")).status());
                assertEquals(200, s.request("GET", origin.url("/b")).header("Proxy-Authorization", ALICE).send().status());
            }
            assertEquals(ALICE, proxy.connects().get(0).header("Proxy-Authorization"), "the CONNECT carried the credentials");
            List<RecordedRequest> atOrigin = origin.recordedRequests();
            assertEquals(2, atOrigin.size());
            for (RecordedRequest r : atOrigin) {
                assertNull(r.header("Proxy-Authorization"), "the origin server received " + r.headers());
                assertTrue(r.tls());
            }
        }
    }

    @Test
    void aDirectRequestNeverCarriesProxyAuthorization() {
        try (MockServer server = MockServer.start(); Session s = session().build()) {
            s.request("GET", server.url("/")).header("Proxy-Authorization", ALICE).send();
            assertNull(server.takeRequest(java.time.Duration.ofSeconds(5)).header("Proxy-Authorization"));
        }
    }

    @Test
    void aRefusedConnectIsAProxyExceptionNamingProxyDestinationAndStatus() throws IOException {
        try (MockServer origin = MockServer.startTls(); MockProxy proxy = MockProxy.start().requireCredentials("alice", "s3cret")) {
            Path pem = origin.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = session().caBundle(pem).proxy(proxy.url()).build()) {
                ProxyException e = assertThrows(ProxyException.class, () -> s.get(origin.url("/")));
                assertEquals(407, e.status());
                assertEquals(proxy.url(), e.proxy());
                assertEquals("127.0.0.1:" + origin.port(), e.destination());
                assertTrue(e.getMessage().contains(proxy.url()) && e.getMessage().contains("127.0.0.1:" + origin.port())
                        && e.getMessage().contains("407") && e.getMessage().contains("wants credentials"), e.getMessage());
                assertEquals(0, s.poolStats().inUse());
            }
            try (Session s = session().caBundle(pem).proxy(proxy.url("alice", "wrong")).build()) {
                ProxyException e = assertThrows(ProxyException.class, () -> s.get(origin.url("/")));
                assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
                assertFalse(e.getMessage().contains("wrong"), "no password in messages: " + e.getMessage());
            }
            int closed = closedPort();
            try (Session s = session().caBundle(pem).proxy(proxy.url("alice", "s3cret")).build()) {
                ProxyException e = assertThrows(ProxyException.class, () -> s.get("https://127.0.0.1:" + closed + "/"));
                assertEquals(502, e.status(), e.getMessage());
                assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
            }
            assertEquals(0, origin.requestCount());
        }
    }

    @Test
    void anUnreachableProxyIsAProxyException() throws IOException {
        int closed = closedPort();
        try (MockServer server = MockServer.start();
             Session s = session().proxy("http://u:pw@127.0.0.1:" + closed).build()) {
            ProxyException e = assertThrows(ProxyException.class, () -> s.get(server.url("/")));
            assertEquals("http://127.0.0.1:" + closed, e.proxy());
            assertTrue(e.getMessage().contains("cannot connect to proxy http://127.0.0.1:" + closed + " (connection refused)"), e.getMessage());
            assertEquals(-1, e.status());
            ProxyException tls = assertThrows(ProxyException.class, () -> s.get("https://127.0.0.1:" + server.port() + "/"));
            assertEquals("127.0.0.1:" + server.port(), tls.destination());
            assertEquals(0, server.connectionCount());
        }
    }

    @Test
    void aSilentProxyTimesOutAsAConnectTimeout() throws IOException {
        // A listener that accepts (through the backlog) and never answers: the CONNECT waits for nothing.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             Session s = session().proxy("http://127.0.0.1:" + silent.getLocalPort())
                     .connectTimeout(java.time.Duration.ofMillis(300)).build()) {
            ConnectTimeoutException e = assertThrows(ConnectTimeoutException.class, () -> s.get("https://127.0.0.1:9/"));
            assertTrue(e.getMessage().contains("through proxy http://127.0.0.1:" + silent.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void theEnvironmentsProxiesAndNoProxy() {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start()) {
            Map<String, String> env = Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", "localhost");
            try (Session s = Session.builder().environment(env).build()) {
                s.get(server.url("/via-proxy"));
                s.get("http://localhost:" + server.port() + "/direct");
            }
            assertEquals(List.of(server.url("/via-proxy")), proxy.forwarded().stream().map(RecordedRequest::target).toList());
            try (Session s = Session.builder().environment(env).trustEnv(false).build()) {
                s.get(server.url("/untrusted"));
            }
            assertEquals(1, proxy.forwarded().size(), "trustEnv(false) ignores HTTP_PROXY");
            assertEquals(3, server.requestCount());
            // lowercase wins over uppercase
            try (Session s = Session.builder().environment(Map.of("HTTP_PROXY", "http://127.0.0.1:9", "http_proxy", proxy.url())).build()) {
                assertEquals(200, s.get(server.url("/lower")).status());
            }
            assertEquals(2, proxy.forwarded().size());
        }
    }

    @Test
    void aRequestCanChooseItsOwnProxyOrNone() {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start()) {
            try (Session s = session().proxy(proxy.url()).build()) {
                s.request("GET", server.url("/direct")).proxy(null).send();
                s.get(server.url("/proxied"));
            }
            try (Session s = session().build()) {
                s.request("GET", server.url("/per-request")).proxy(proxy.url()).send();
                s.request("GET", server.url("/no-proxy-key")).proxies(Map.of("http", proxy.url(), "no_proxy", "127.0.0.1")).send();
            }
            assertEquals(List.of(server.url("/proxied"), server.url("/per-request")),
                    proxy.forwarded().stream().map(RecordedRequest::target).toList());
            assertEquals(4, server.requestCount());
        }
    }

    @Test
    void theClientNeverResolvesTheDestinationThroughAnHttpProxy() {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start().alias("origin.invalid", "127.0.0.1");
             Session s = session().proxy(proxy.url()).build()) {
            // .invalid never resolves (RFC 6761): only the proxy knows where it is.
            assertEquals("ok", s.get("http://origin.invalid:" + server.port() + "/").text());
            assertEquals("origin.invalid:" + server.port(), server.takeRequest(java.time.Duration.ofSeconds(5)).header("Host"));
        }
    }

    @Test
    void socks5hSendsTheNameAndTheTunnelIsReused() {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start().alias("origin.invalid", "127.0.0.1");
             Session s = session().proxy(proxy.url("socks5h")).build()) {
            Response r1 = s.get("http://origin.invalid:" + server.port() + "/a");
            Response r2 = s.get("http://origin.invalid:" + server.port() + "/b");
            assertEquals("ok", r2.text());
            assertEquals(1, proxy.socksConnects().size());
            MockProxy.SocksConnect c = proxy.socksConnects().get(0);
            assertEquals("origin.invalid", c.host());
            assertTrue(c.byName());
            assertEquals(server.port(), c.port());
            assertTrue(r2.connection().reused());
            assertEquals("/a", server.recordedRequests().get(0).target(), "origin-form through SOCKS");
            assertEquals(proxy.url("socks5h"), r1.connection().proxy());
        }
    }

    @Test
    void socks5ResolvesLocallyAndAuthenticatesWithUserAndPassword() {
        try (MockServer server = MockServer.startTls(); MockProxy proxy = MockProxy.start().requireCredentials("alice", "s3cret")) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = session().caBundle(pem).proxy("socks5://alice:s3cret@127.0.0.1:" + proxy.port()).build()) {
                Response r = s.get("https://localhost:" + server.port() + "/secure");
                assertEquals("ok", r.text());
                assertTrue(r.connection().tlsVersion() != null);
            }
            MockProxy.SocksConnect c = proxy.socksConnects().get(0);
            assertFalse(c.byName(), "socks5 sends the address the client resolved");
            assertTrue(c.host().equals("127.0.0.1") || c.host().contains(":"), c.host());
            assertEquals("alice", c.username());
            try (Session s = session().caBundle(pem).proxy("socks5://alice:nope@127.0.0.1:" + proxy.port()).build()) {
                ProxyException e = assertThrows(ProxyException.class, () -> s.get(server.url("/")));
                assertTrue(e.getMessage().contains("rejected the user name and password"), e.getMessage());
                assertFalse(e.getMessage().contains("nope"), e.getMessage());
            }
            try (Session s = session().caBundle(pem).proxy(proxy.url("socks5h")).build()) {
                ProxyException e = assertThrows(ProxyException.class, () -> s.get(server.url("/")));
                assertTrue(e.getMessage().contains("give credentials in the proxy URL"), e.getMessage());
            }
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void aSocksRefusalNamesTheReply() throws IOException {
        int closed = closedPort();
        try (MockProxy proxy = MockProxy.start(); Session s = session().proxy(proxy.url("socks5h")).build()) {
            ProxyException e = assertThrows(ProxyException.class, () -> s.get("http://127.0.0.1:" + closed + "/"));
            assertEquals(5, e.status());
            assertTrue(e.getMessage().contains("connection refused (SOCKS5 reply 5)"), e.getMessage());
            assertEquals("127.0.0.1:" + closed, e.destination());
        }
    }

    /** A port that nothing listens on (bound, then closed). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
