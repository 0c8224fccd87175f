package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.MockProxy;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --proxy}, {@code --noproxy} and the environment's proxies, as a process against a loopback
 * MockProxy and MockServer: which requests went through the proxy, and in what form.
 */
@Timeout(120)
class ProxyCommandTest {
    @TempDir
    Path dir;

    @Test
    void plainHttpIsForwardedInAbsoluteFormOnOneProxyConnection() {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start()) {
            Cli.Result r = Cli.run("get", "-v", "--proxy", proxy.url(), server.url("/a"), server.url("/b"));
            assertEquals(0, r.exit(), r.toString());
            assertEquals("okok", r.stdout());
            List<RecordedRequest> forwarded = proxy.forwarded();
            assertEquals(2, forwarded.size(), proxy.toString());
            assertEquals(server.url("/a"), forwarded.get(0).target(), "RFC 9112 section 3.2.2: the absolute URL");
            assertEquals(1, proxy.connectionCount(), "the proxy connection is pooled and reused");
            assertEquals(2, server.requestCount());
            assertTrue(r.stderr().contains(" (proxy " + proxy.url() + ")\n"), "-v names the proxy: " + r.stderr());
        }
    }

    @Test
    void httpsGoesThroughACredentialedConnectTunnel() {
        try (MockServer server = MockServer.startTls(); MockProxy proxy = MockProxy.start().requireCredentials("bob", "p@ss")) {
            Path ca = server.certificate().writePem(dir.resolve("ca.pem"));
            Cli.Result r = Cli.run("get", "--proxy", proxy.url("bob", "p@ss"), "--cacert", ca.toString(),
                    server.url("/1"), server.url("/2"));
            assertEquals(0, r.exit(), r.toString());
            assertEquals("okok", r.stdout());
            assertEquals(1, proxy.tunnelCount(), "one tunnel, reused for the second request");
            assertEquals("127.0.0.1:" + server.port(), proxy.connects().get(0).target());
            assertEquals(0, proxy.forwarded().size(), "nothing but CONNECT is readable by the proxy");

            Cli.Result refused = Cli.run("get", "--proxy", proxy.url(), "--cacert", ca.toString(), server.url("/3"));
            assertEquals(ExitCodes.CONNECTION_BROKEN, refused.exit(), refused.toString());
            assertTrue(refused.stderr().startsWith("spool: proxy " + proxy.url() + " refused CONNECT to 127.0.0.1:" + server.port()
                    + ": 407"), refused.stderr());
        }
    }

    @Test
    void theEnvironmentsProxyIsUsedUnlessNoproxyOrAnEmptyProxySaysDirect() {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start()) {
            Map<String, String> env = Map.of("HTTP_PROXY", proxy.url());
            Cli.Result viaEnv = Cli.run(env, "get", server.url("/env"));
            assertEquals(0, viaEnv.exit(), viaEnv.toString());
            assertEquals(1, proxy.forwarded().size(), "HTTP_PROXY is honoured (the library's trustEnv)");

            Cli.Result bypass = Cli.run(env, "get", "--noproxy", "127.0.0.1", server.url("/noproxy"));
            assertEquals(0, bypass.exit(), bypass.toString());
            Cli.Result direct = Cli.run(env, "get", "--proxy", "", server.url("/direct"));
            assertEquals(0, direct.exit(), direct.toString());
            assertEquals(1, proxy.forwarded().size(), "--noproxy and --proxy '' go direct: " + proxy);
            assertEquals(3, server.requestCount());
        }
    }

    @Test
    void anUnreachableProxyIsExitCode7AndABadProxyUrlAUsageError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli.Result r = Cli.run("get", "--proxy", "http://127.0.0.1:" + port, "http://127.0.0.1:1/x");
        assertEquals(ExitCodes.CONNECT, r.exit(), r.toString());
        assertEquals("spool: cannot connect to proxy http://127.0.0.1:" + port + " (connection refused)\n", r.stderr());

        Cli.Result bad = Cli.run("get", "--proxy", "ftp://127.0.0.1:21", "http://127.0.0.1:1/x");
        assertEquals(ExitCodes.USAGE, bad.exit(), bad.toString());
        assertTrue(bad.stderr().startsWith("spool: --proxy 'ftp://127.0.0.1:21': "), bad.stderr());
    }
}
