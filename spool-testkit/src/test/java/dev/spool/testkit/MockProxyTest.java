package dev.spool.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MockProxy from a raw socket client: forwarding, CONNECT, SOCKS5, credentials, and loopback only. */
@Timeout(30)
class MockProxyTest {
    private static Socket connect(MockProxy proxy) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads up to and including the empty line that ends a head. */
    private static String head(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    @Test
    void forwardsAbsoluteFormInOriginFormAndRecordsWhatItGot() throws IOException {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start(); Socket s = connect(proxy)) {
            send(s, "GET " + server.url("/a?b=1") + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nProxy-Authorization: Basic eDp5\r\n\r\n");
            String head = head(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.contains("Content-Length: 2"), head);
            assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), s.getInputStream().readNBytes(2));
            assertEquals(server.url("/a?b=1"), proxy.forwarded().get(0).target());
            assertEquals("Basic eDp5", proxy.forwarded().get(0).header("Proxy-Authorization"));
            RecordedRequest atOrigin = server.takeRequest(Duration.ofSeconds(5));
            assertEquals("/a?b=1", atOrigin.target());
            assertEquals(null, atOrigin.header("Proxy-Authorization"), "a proxy does not pass its credentials on");
        }
    }

    @Test
    void requiredCredentialsAreAsked() throws IOException {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start().requireCredentials("u", "p");
             Socket s = connect(proxy)) {
            send(s, "CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n");
            String head = head(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 407 ") && head.contains("Proxy-Authenticate: Basic"), head);
            assertEquals(0, proxy.tunnelCount());
        }
    }

    @Test
    void tunnelsBytesBothWays() throws IOException {
        try (MockServer server = MockServer.start(); MockProxy proxy = MockProxy.start(); Socket s = connect(proxy)) {
            send(s, "CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n");
            assertTrue(head(s.getInputStream()).startsWith("HTTP/1.1 200 "));
            send(s, "GET /in-tunnel HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(head(s.getInputStream()).startsWith("HTTP/1.1 200 OK"));
            assertEquals("/in-tunnel", server.takeRequest(Duration.ofSeconds(5)).target());
            assertEquals(1, proxy.tunnelCount());
        }
    }

    @Test
    void forwardsToLoopbackOnly() throws IOException {
        try (MockProxy proxy = MockProxy.start()) {
            try (Socket s = connect(proxy)) {
                // 192.0.2.1 is TEST-NET-1 (RFC 5737): never reachable, and never tried.
                send(s, "CONNECT 192.0.2.1:443 HTTP/1.1\r\nHost: 192.0.2.1:443\r\n\r\n");
                String head = head(s.getInputStream());
                assertTrue(head.startsWith("HTTP/1.1 502 "), head);
            }
            try (Socket s = connect(proxy)) {
                OutputStream out = s.getOutputStream();
                out.write(new byte[] {5, 1, 0});
                out.write(new byte[] {5, 1, 0, 1, (byte) 192, 0, 2, 1, 1, (byte) 187});
                out.flush();
                InputStream in = s.getInputStream();
                assertArrayEquals(new byte[] {5, 0}, in.readNBytes(2));
                assertEquals(2, in.readNBytes(2)[1], "SOCKS5 reply 2: connection not allowed by ruleset");
            }
            assertEquals("192.0.2.1", proxy.socksConnects().get(0).host());
            assertEquals(0, proxy.tunnelCount());
        }
    }
}
