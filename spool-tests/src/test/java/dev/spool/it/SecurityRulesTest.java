package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.InvalidRequestException;
import dev.spool.PoolStats;
import dev.spool.ProtocolException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.auth.Auth;
import dev.spool.TlsException;
import dev.spool.Url;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One named test per security rule that the library must keep, from the CVE history of requests and
 * urllib3 and from HTTP's request-smuggling record (docs/reliability.md lists them, and which rules
 * live in the redirect, auth and proxy code instead).
 */
@Timeout(60)
class SecurityRulesTest {
    @TempDir
    Path dir;

    // ---- TLS settings are part of the pool key -------------------------------------------------

    @Test
    void verifiedRequestNeverRidesAnUnverifiedConnection_CVE_2024_35195() {
        try (MockServer server = MockServer.startTls()) {
            Path pem = server.certificate().writePem(dir.resolve("ca.pem"));
            try (Session s = Session.builder().verify(false).build()) {
                assertEquals("ok", s.get(server.url("/unverified")).text());
                // Same origin, verification on: a new connection, and its handshake checks the certificate.
                assertThrows(TlsException.class, () -> s.request("GET", server.url("/verified")).verify(true).send());
                assertEquals("ok", s.request("GET", server.url("/bundle")).caBundle(pem).send().text());
                assertEquals(3, server.connectionCount(), "unverified, verified (failed), CA bundle: three connections");
                assertEquals(2, server.requestCount(), "nothing was sent on the failed verified handshake");
                List<PoolStats.OriginStats> origins = s.poolStats().origins();
                assertEquals(3, origins.stream().filter(o -> o.origin().equals(server.origin())).count(),
                        "one origin, kept in three pools by TLS settings: " + origins);
            }
        }
    }

    @Test
    void verifyFalseOnOneRequestNeverPersistsOntoTheNext_CVE_2024_35195() {
        try (MockServer server = MockServer.startTls()) {
            try (Session s = new Session()) {
                assertEquals("ok", s.request("GET", server.url("/once")).verify(false).send().text());
                // The session verifies: the next request must not reuse the unverified connection.
                TlsException e = assertThrows(TlsException.class, () -> s.get(server.url("/next")));
                assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
                assertEquals(1, server.requestCount(), "the verified request went nowhere");
                assertEquals(2, server.connectionCount());
            }
        }
    }

    // ---- no credentials for a host parsed differently ------------------------------------------

    @Test
    void userinfoWithAnEmptyPasswordNeverBecomesTheHost_CVE_2024_47081() {
        // Credentials kept for a.example must never go to the host the URL really names (127.0.0.1).
        Auth forA = Auth.forHost("a.example", Auth.basic("secret-user", "secret-pass"));
        try (MockServer server = MockServer.start(); Session s = Session.builder().auth(forA).build()) {
            String url = "http://a.example:@127.0.0.1:" + server.port() + "/path";
            Url parsed = Url.parse(url);
            assertEquals("127.0.0.1", parsed.host(), "the host is what follows the last @ of the authority");
            assertEquals("a.example:", parsed.userInfo());
            assertEquals(200, s.get(url).status());
            RecordedRequest r = server.takeRequest(Duration.ofSeconds(5));
            assertEquals("/path", r.target());
            assertEquals("127.0.0.1:" + server.port(), r.header("Host"), "the Host is the connected host, no userinfo");
            String sent = r.header("Authorization");
            // At most the URL's own userinfo ("a.example" with an empty password, Basic for 127.0.0.1,
            // as curl sends it); never a.example's stored credentials.
            String fromUserinfo = "Basic " + java.util.Base64.getEncoder().encodeToString("a.example:".getBytes());
            assertTrue(sent == null || sent.equals(fromUserinfo), "sent " + sent);
        }
        try (MockServer server = MockServer.start(); Session s = Session.builder().auth(forA).build()) {
            s.get(server.url("/plain"));
            assertNull(server.takeRequest(Duration.ofSeconds(5)).header("Authorization"),
                    "nothing meant for a.example goes to 127.0.0.1");
        }
    }

    // ---- CR, LF and NUL never reach the wire ----------------------------------------------------

    @Test
    void crLfAndNulAreRefusedInMethodTargetAndHeaders_CVE_2019_9740_CVE_2020_26137() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            String base = server.url("/");
            List<Consumer<Session>> attempts = List.of(
                    x -> x.request("GET\r\nX-Injected: 1", base).send(),
                    x -> x.request("GET\n", base).send(),
                    x -> x.request("GET\0", base).send(),
                    x -> x.request("GET /x HTTP/1.1", base).send(),
                    x -> x.get(base + "a\r\nX-Injected: 1"),
                    x -> x.get(base + "a\nb"),
                    x -> x.get(base + "a\rb"),
                    x -> x.get(base + "a\0b"),
                    x -> x.get(base + "a b HTTP/1.1"),
                    x -> x.get("http://127.0.0.1\r\n:" + server.port() + "/"),
                    x -> x.request("GET", base).header("X-A", "1\r\nX-Injected: 1").send(),
                    x -> x.request("GET", base).header("X-A", "1\n").send(),
                    x -> x.request("GET", base).header("X-A", "1\r").send(),
                    x -> x.request("GET", base).header("X-A", "1\0").send(),
                    x -> x.request("GET", base).header("X-A\r\nX-Injected", "1").send(),
                    x -> x.request("GET", base).header("X-A:", "1").send(),
                    x -> x.request("GET", base).header("X-A\0", "1").send(),
                    x -> x.request("POST", base).body(Body.bytes(new byte[1], "text/plain\r\nX-Injected: 1")).send(),
                    x -> x.header("X-Default", "1\r\nX-Injected: 1"),
                    x -> Session.builder().header("X-Default", "1\nX-Injected: 1").build().close());
            for (int i = 0; i < attempts.size(); i++) {
                Consumer<Session> a = attempts.get(i);
                InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> a.accept(s), "attempt " + i);
                assertTrue(e.getMessage().length() > 10, "attempt " + i + " says what was wrong: " + e.getMessage());
            }
            assertEquals(0, server.connectionCount(), "no refused request opened a connection");

            // Query parameters are data, not syntax: their CR, LF and NUL are percent-encoded.
            assertEquals(200, s.request("GET", base).param("q", "a\r\nX-Injected: 1\0").send().status());
            RecordedRequest r = server.takeRequest(Duration.ofSeconds(5));
            assertTrue(r.target().contains("%0D%0A") && r.target().contains("%00"), r.target());
            assertNull(r.header("X-Injected"));
        }
    }

    // ---- URL parsing in linear time ------------------------------------------------------------

    @Test
    void urlParsingIsLinearOnHostileInput_CVE_2021_33503() {
        int n = 1 << 20; // 1 Mi characters: quadratic parsing would take minutes, linear takes milliseconds
        List<String> hostile = List.of(
                "http://" + "@".repeat(n) + "host/",                 // the urllib3 regex's blow-up: many @
                "http://" + "a@".repeat(n / 2) + "host/",
                "http://host" + ":".repeat(n) + "/",
                "http://[" + ":".repeat(n) + "]/",
                "http://" + "a.".repeat(n / 2) + "example/",
                "http://host/" + "%".repeat(n),
                "http://host/?" + "&=".repeat(n / 2),
                "http://host/" + "\u00e9".repeat(n),
                "http://" + "\u00e9".repeat(n) + "/",
                "http://host/#" + "#".repeat(n));
        for (String url : hostile) {
            long t0 = System.nanoTime();
            try {
                Url.parse(url);
            } catch (InvalidRequestException refused) {
                // refusing is fine; taking long is not
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 2_000, "parsing " + url.substring(0, 20) + "... (" + url.length() + " chars) took " + ms + " ms");
        }
    }

    // ---- bounded decompression -----------------------------------------------------------------

    @Test
    void atMostFiveChainedContentCodings_CVE_2025_66418() throws IOException {
        byte[] text = "five layers".getBytes(StandardCharsets.US_ASCII);
        byte[] five = text;
        for (int i = 0; i < 5; i++) {
            five = gzip(five);
        }
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().header("Content-Encoding", "gzip, gzip, gzip, gzip, gzip").body(five));
            assertArrayEquals(text, s.get(server.url("/five")).bytes(), "five codings are decoded");
            server.enqueue(new MockResponse().header("Content-Encoding", "gzip, gzip, gzip").header("Content-Encoding", "gzip, gzip, gzip")
                    .body(gzip(five)));
            ProtocolException e = assertThrows(ProtocolException.class, () -> s.get(server.url("/six")));
            assertEquals("response has 6 chained content codings; at most 5 are decoded", e.getMessage());
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after the refused codings");
        }
    }

    @Test
    @Timeout(120)
    void aStreamedGzipBombDecodesInBoundedMemory_CVE_2025_66471() throws IOException {
        // 1 GiB of zeros as 1,024 gzip members of 1 MiB each (GZIPInputStream reads concatenated
        // members): about 1 MiB on the wire.
        byte[] member = gzip(new byte[1 << 20]);
        ByteArrayOutputStream wire = new ByteArrayOutputStream(member.length * 1024);
        for (int i = 0; i < 1024; i++) {
            wire.write(member);
        }
        byte[] bomb = wire.toByteArray();
        assertTrue(bomb.length < 2 << 20, "the bomb is small on the wire: " + bomb.length);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().header("Content-Encoding", "gzip").body(bomb));
            bomb = null; // only the server's copy remains
            wire = null;
            long baseline = usedHeapAfterGc(memory);
            long maxGrowth = 0;
            long decoded = 0;
            try (Response r = s.request("GET", server.url("/bomb")).stream(true).send()) {
                InputStream in = r.inputStream();
                // A tiny read decodes a tiny amount: the decoder fills the caller's buffer, nothing more.
                assertEquals(10, in.readNBytes(10).length);
                byte[] buf = new byte[64 * 1024];
                int n;
                long nextCheck = 0;
                while ((n = in.read(buf)) >= 0) {
                    decoded += n;
                    if (decoded >= nextCheck) {
                        maxGrowth = Math.max(maxGrowth, usedHeapAfterGc(memory) - baseline);
                        nextCheck += 256L << 20;
                    }
                }
                decoded += 10;
            }
            assertEquals(1L << 30, decoded, "the whole gibibyte came through the stream");
            // Loose: the decoder's state is tens of KiB; 32 MiB leaves room for GC noise, and a decoder
            // that buffered its output would need a gibibyte.
            assertTrue(maxGrowth < 32L << 20, "heap grew by " + (maxGrowth >> 20) + " MiB while decoding 1 GiB");
            System.out.printf("gzip bomb: %d MiB on the wire decoded to %d MiB; heap grew by at most %d KiB%n",
                    member.length * 1024L >> 20, decoded >> 20, maxGrowth >> 10);
        }
    }

    // ---- framing: Content-Length enforced, conflicting framing never pooled --------------------

    @Test
    void contentLengthIsEnforcedAndBytesBeyondItNeverAnswerTheNextRequest() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            // Too short: an error, never a short body.
            server.enqueue(new MockResponse().raw("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"
                    .getBytes(StandardCharsets.US_ASCII)));
            ProtocolException e = assertThrows(ProtocolException.class, () -> s.get(server.url("/short")));
            assertTrue(e.getMessage().contains("5 of 10 bytes"), e.getMessage());
            // Too long: the body is exactly Content-Length bytes, and what follows in the same read (here
            // a forged second response) is never taken as the answer to the next request.
            server.enqueue(new MockResponse().raw(("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged").getBytes(StandardCharsets.US_ASCII)));
            assertEquals("abc", s.get(server.url("/long")).text());
            assertEquals("ok", s.get(server.url("/next")).text(), "the next request got its own answer");
            // The same after a large body, which is read straight from the socket up to its exact end,
            // so the forged bytes are still in the socket, not in the parser's buffer.
            byte[] big = new byte[100_000];
            java.util.Arrays.fill(big, (byte) 'b');
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            raw.writeBytes(("HTTP/1.1 200 OK\r\nContent-Length: " + big.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            raw.writeBytes(big);
            raw.writeBytes("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged".getBytes(StandardCharsets.US_ASCII));
            server.enqueue(new MockResponse().raw(raw.toByteArray()));
            assertArrayEquals(big, s.get(server.url("/long-big")).bytes());
            assertEquals("ok", s.get(server.url("/next-big")).text(), "the next request got its own answer");
            assertEquals(5, server.requestCount());
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after the forged bytes");
        }
    }

    @Test
    void aResponseWithConflictingFramingNeverLeavesItsConnectionInThePool() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            // Content-Length and Transfer-Encoding (the request-smuggling shape, RFC 9112 section 6.3):
            // read by the chunked coding, buffered or streamed, and the connection is closed after.
            server.enqueue(new MockResponse().body("chunked wins").fault(Fault.CONFLICTING_CL_TE));
            assertEquals("chunked wins", s.get(server.url("/clte")).text());
            assertEquals(0, s.poolStats().idle());
            server.enqueue(new MockResponse().body("streamed").fault(Fault.CONFLICTING_CL_TE));
            try (Response r = s.request("GET", server.url("/clte-streamed")).stream(true).send()) {
                assertEquals("streamed", r.text());
            }
            assertEquals(0, s.poolStats().idle());
            // Two different Content-Lengths: no trustworthy framing at all, an error.
            server.enqueue(new MockResponse().body("abc").fault(Fault.TWO_CONTENT_LENGTHS));
            assertThrows(ProtocolException.class, () -> s.get(server.url("/cl-cl")));
            assertEquals(0, s.poolStats().idle());
            // Transfer-Encoding in an HTTP/1.0 response: read, never reused.
            server.enqueue(new MockResponse().raw(("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            assertEquals("hi", s.get(server.url("/te-1.0")).text());
            assertEquals(0, s.poolStats().idle());
            assertEquals(4, server.connectionCount(), "each of those connections was closed, none reused");
            PoolInvariants.assertConsistent(s.poolStats(), 10, "after conflicting framing");
        }
    }

    // ---- header limits ------------------------------------------------------------------------

    @Test
    void headerBlockAndLineLimitsAreEnforced() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().fault(Fault.OVERSIZED_HEADERS));
            ProtocolException block = assertThrows(ProtocolException.class, () -> s.get(server.url("/block")));
            assertTrue(block.getMessage().startsWith("response header block exceeds 65536 bytes"), block.getMessage());

            // One line may take the whole head (issue 10), and no more.
            server.enqueue(new MockResponse().header("X-Long", "x".repeat(17 * 1024)));
            assertEquals(17 * 1024, s.get(server.url("/line")).header("X-Long").length());
            server.enqueue(new MockResponse().header("X-Long", "x".repeat(65 * 1024)));
            ProtocolException line = assertThrows(ProtocolException.class, () -> s.get(server.url("/line")));
            assertTrue(line.getMessage().startsWith("response header block exceeds 65536 bytes"), line.getMessage());

            MockResponse many = new MockResponse();
            for (int i = 0; i <= 100; i++) {
                many.header("X-" + i, "1");
            }
            server.enqueue(many);
            ProtocolException fields = assertThrows(ProtocolException.class, () -> s.get(server.url("/fields")));
            assertTrue(fields.getMessage().startsWith("response has more than 100 header fields"), fields.getMessage());

            server.enqueue(new MockResponse().raw(("HTTP/1.1 200 " + "r".repeat(65 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ProtocolException status = assertThrows(ProtocolException.class, () -> s.get(server.url("/status")));
            assertTrue(status.getMessage().startsWith("response header block exceeds 65536 bytes"), status.getMessage());

            assertEquals(0, s.poolStats().idle(), "no connection that broke a limit was kept");
            assertEquals("ok", s.get(server.url("/after")).text());
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
