package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spool.Body;
import dev.spool.ConnectTimeoutException;
import dev.spool.ConnectionException;
import dev.spool.ProtocolException;
import dev.spool.ReadTimeoutException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.SpoolException;
import dev.spool.TlsException;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.TlsFault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault table of docs/reliability.md, proven: every fault the testkit injects, met by a GET and a
 * POST, on a fresh and on a reused connection, read buffered and streamed. Each case checks the
 * documented outcome (exception type, a message naming host, port and what happened), the time it
 * took (never past the read timeout by more than slack), that a body is either whole and right or
 * an exception, and that the pool is consistent afterwards and serves a normal request.
 */
@Timeout(30)
class FaultMatrixTest {
    /**
     * The faulted request's read timeout ({@code timeout(...)} on the request): short, so stalls end
     * quickly. Warm-up and follow-up requests keep the session's default, so a busy machine cannot
     * make them time out.
     */
    static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    /** The drip scenario's read timeout: each 200 ms gap between pieces is far below it, the whole far above. */
    static final Duration DRIP_READ_TIMEOUT = Duration.ofSeconds(1);
    /** No fault may take longer than this: the read timeout plus generous slack for a loaded 2-core machine. */
    static final long BOUND_MILLIS = 5_000;
    /** A timeout may not fire early; a little scheduling noise below the nominal 300 ms is tolerated. */
    static final long TIMEOUT_MIN_MILLIS = 250;
    static final int POOL_MAX = 4;
    /** Large enough that a mid-body cut leaves a partial body of 10,000 bytes on the wire. */
    static final byte[] BODY = pattern(20_000);
    /** Large enough that a buffered read takes most of it straight from the socket (reads of 8 KiB and more). */
    static final byte[] BIG_BODY = pattern(100_000);
    /** The drip scenarios' body: about 200 bytes of response in 20-byte pieces, 200 ms apart (about 2 s in all). */
    static final byte[] DRIP_BODY = pattern(160);

    @TempDir
    Path dir;

    /** How the connection the request goes out on came to be. */
    enum Reuse { FRESH, REUSED }

    /** How the body is read: loaded by send(), or streamed through inputStream(). */
    enum Mode { BUFFERED, STREAMED }

    /** One row of the table: each {@link Fault}, and the pacing faults built from the testkit's knobs. */
    enum Scenario {
        DISCONNECT_AT_START,
        DISCONNECT_AFTER_REQUEST,
        DISCONNECT_MID_HEADERS,
        DISCONNECT_MID_BODY,
        RESET_AT_START,
        RESET_AFTER_REQUEST,
        RESET_MID_HEADERS,
        RESET_MID_BODY,
        STALL_BEFORE_HEADERS,
        STALL_MID_BODY,
        TRUNCATED_CHUNKED,
        GARBAGE_STATUS_LINE,
        OVERSIZED_HEADERS,
        CONFLICTING_CL_TE,
        TWO_CONTENT_LENGTHS,
        CLOSE_AFTER_RESPONSE,
        /** {@code headersDelay(2 s)}: the head comes after the read timeout. */
        SLOW_HEADERS,
        /** {@code throttle(20 B, 200 ms)} under a 1 s read timeout: every read gets bytes in time, the whole takes longer. */
        DRIP_WITHIN_READ_TIMEOUT,
        /** {@code throttle(20 B, 2 s)}: a pause between pieces is longer than the read timeout. */
        DRIP_PAUSE_PAST_READ_TIMEOUT,
        /** {@code closeAfterRequests(1)}: the server closes each connection after one response, silently. */
        CLOSE_AFTER_ONE_REQUEST,
        /**
         * DISCONNECT_MID_BODY on a body without Content-Length or chunking: its end is the close, so the
         * cut cannot be told from the end (RFC 9112 section 6.3, rule 8). The limit of HTTP/1.0 framing.
         */
        CUT_CLOSE_DELIMITED,
        /** The same with {@code Content-Encoding: gzip}: the decoder notices that the stream stops short. */
        CUT_GZIP_CLOSE_DELIMITED,
        /**
         * A body longer than its Content-Length, the excess shaped as a response: sent with the response
         * (raw bytes, then the server closes). The excess must never answer the next request.
         */
        EXCESS_AFTER_CONTENT_LENGTH;

        /** The fault as the testkit names it, or null for the pacing scenarios. */
        Fault fault() {
            for (Fault f : Fault.values()) {
                if (f.name().equals(name())) {
                    return f;
                }
            }
            return null;
        }

        /** Sets the fault up for the next request (closeAfterRequests must be on before the warm-up to hit it). */
        void arm(MockServer server, boolean beforeWarmUp) {
            if (this == CLOSE_AFTER_ONE_REQUEST) {
                if (beforeWarmUp) {
                    server.closeAfterRequests(1);
                }
                return;
            }
            if (beforeWarmUp) {
                return;
            }
            Fault f = fault();
            MockResponse r;
            if (this == EXCESS_AFTER_CONTENT_LENGTH) {
                byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + BIG_BODY.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] forged = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged".getBytes(StandardCharsets.US_ASCII);
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                raw.writeBytes(head);
                raw.writeBytes(BIG_BODY);
                raw.writeBytes(forged);
                r = new MockResponse().raw(raw.toByteArray());
            } else if (this == CUT_CLOSE_DELIMITED) {
                r = new MockResponse().body(BODY).noContentLength().fault(Fault.DISCONNECT_MID_BODY);
            } else if (this == CUT_GZIP_CLOSE_DELIMITED) {
                r = new MockResponse().body(BODY).gzip().noContentLength().fault(Fault.DISCONNECT_MID_BODY);
            } else if (f != null) {
                r = new MockResponse().body(BODY).fault(f);
            } else if (this == SLOW_HEADERS) {
                r = new MockResponse().body(BODY).headersDelay(Duration.ofSeconds(2));
            } else if (this == DRIP_WITHIN_READ_TIMEOUT) {
                r = new MockResponse().body(DRIP_BODY).throttle(20, Duration.ofMillis(200));
            } else {
                r = new MockResponse().body(DRIP_BODY).throttle(20, Duration.ofSeconds(2));
            }
            server.enqueue(r);
        }

        /** The read timeout the faulted request sets for itself. */
        Duration readTimeout() {
            return this == DRIP_WITHIN_READ_TIMEOUT ? DRIP_READ_TIMEOUT : READ_TIMEOUT;
        }
    }

    /** What a case must end in. */
    static final class Expected {
        final Class<? extends SpoolException> type;
        final String what;
        final byte[] body;
        /** The server saw a second connection because the client retried (or replaced a stale one). */
        boolean newConnection;
        /** The exchange lasts at least the read timeout (a timeout fired, or a drip outlasted it). */
        boolean slow;
        /** For a success: whether the connection may go back to the pool. */
        boolean reusable = true;

        private Expected(Class<? extends SpoolException> type, String what, byte[] body) {
            this.type = type;
            this.what = what;
            this.body = body;
        }

        static Expected failure(Class<? extends SpoolException> type, String what) {
            return new Expected(type, what, null);
        }

        static Expected success(byte[] body) {
            return new Expected(null, null, body);
        }

        Expected newConnection() {
            newConnection = true;
            return this;
        }

        Expected slow() {
            slow = true;
            return this;
        }

        Expected notReusable() {
            reusable = false;
            return this;
        }
    }

    /**
     * The documented outcome of each case: the table of docs/reliability.md, in code. Keep them in sync.
     */
    static Expected expected(Scenario s, Reuse reuse, String method, int port) {
        String where = "127.0.0.1:" + port;
        switch (s) {
            case DISCONNECT_AT_START:
            case DISCONNECT_AFTER_REQUEST:
            case RESET_AT_START:
            case RESET_AFTER_REQUEST:
                if (reuse == Reuse.REUSED) {
                    // The keep-alive race: nothing came back on a reused connection.
                    return method.equals("GET")
                            ? Expected.success(BODY).newConnection()
                            : Expected.failure(ConnectionException.class, "connection 1 to " + where
                                    + " was reused and dropped by the server before it answered the POST;"
                                    + " not retried because POST is not idempotent");
                }
                return s.name().startsWith("RESET")
                        ? Expected.failure(ConnectionException.class, "connection to " + where + " failed: Connection reset")
                        : Expected.failure(ConnectionException.class, "server " + where
                                + " closed the connection without sending any response");
            case DISCONNECT_MID_HEADERS:
                return Expected.failure(ProtocolException.class,
                        "server closed the connection before sending a complete response head (from " + where + ")");
            case RESET_MID_HEADERS:
            case RESET_MID_BODY:
                return Expected.failure(ConnectionException.class, "connection to " + where + " failed: Connection reset");
            case DISCONNECT_MID_BODY:
                return Expected.failure(ProtocolException.class,
                        "response body ended after 10000 of 20000 bytes (Content-Length) (from " + where + ")");
            case STALL_BEFORE_HEADERS:
            case STALL_MID_BODY:
            case SLOW_HEADERS:
            case DRIP_PAUSE_PAST_READ_TIMEOUT:
                return Expected.failure(ReadTimeoutException.class,
                        "read from " + where + " timed out after 300 ms (read timeout)").slow();
            case TRUNCATED_CHUNKED:
                return Expected.failure(ProtocolException.class,
                        "chunked body ended before the last chunk (from " + where + ")");
            case GARBAGE_STATUS_LINE:
                return Expected.failure(ProtocolException.class,
                        "malformed status line \"garbage, not an HTTP status line\" (from " + where + ")");
            case OVERSIZED_HEADERS:
                return Expected.failure(ProtocolException.class,
                        "response header block exceeds 65536 bytes (from " + where + ")");
            case TWO_CONTENT_LENGTHS:
                return Expected.failure(ProtocolException.class,
                        "ambiguous framing: different Content-Length values 20000 and 20001 (from " + where + ")");
            case CONFLICTING_CL_TE:
                // Read by Transfer-Encoding (RFC 9112 section 6.3), never reused: the smuggling shape.
                return Expected.success(BODY).notReusable();
            case CLOSE_AFTER_RESPONSE:
                return Expected.success(BODY);
            case DRIP_WITHIN_READ_TIMEOUT:
                // The read timeout bounds each wait for bytes, not the whole exchange (as in requests).
                return Expected.success(DRIP_BODY).slow();
            case CLOSE_AFTER_ONE_REQUEST:
                // Reused: the stale connection is found (POST: checked at the socket) or the GET retried.
                return reuse == Reuse.REUSED ? Expected.success(BODY).newConnection() : Expected.success(BODY);
            case CUT_CLOSE_DELIMITED:
                // What was sent, and nothing more: the first half. The connection is never reused.
                return Expected.success(Arrays.copyOf(BODY, BODY.length / 2)).notReusable();
            case EXCESS_AFTER_CONTENT_LENGTH:
                // The body is exactly Content-Length bytes; the connection holding the rest is closed.
                return Expected.success(BIG_BODY).notReusable();
            case CUT_GZIP_CLOSE_DELIMITED:
                return Expected.failure(ProtocolException.class, "cannot decode the body of " + method
                        + " http://" + where + "/case (Content-Encoding: gzip): Unexpected end of ZLIB input stream");
            default:
                throw new AssertionError(s);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            for (Reuse reuse : Reuse.values()) {
                for (String method : List.of("GET", "POST")) {
                    for (Mode mode : Mode.values()) {
                        out.add(Arguments.of(s, reuse, method, mode));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void eachFaultEndsAsDocumented(Scenario s, Reuse reuse, String method, Mode mode) throws Exception {
        try (MockServer server = MockServer.start();
             Session session = Session.builder().poolMaxSize(POOL_MAX).build()) {
            server.dispatcher(r -> new MockResponse().body(BODY));
            s.arm(server, true);
            if (reuse == Reuse.REUSED) {
                assertArrayEquals(BODY, session.get(server.url("/warm")).bytes());
                assertTrue(server.awaitIdle(Duration.ofSeconds(5)), "the warm-up exchange ended on the server");
            }
            s.arm(server, false);
            Expected exp = expected(s, reuse, method, server.port());
            String context = s + " " + reuse + " " + method + " " + mode;

            long t0 = System.nanoTime();
            Outcome got = exchange(session, server.url("/case"), method, mode, s.readTimeout());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertTrue(ms < BOUND_MILLIS, context + " took " + ms + " ms");
            if (exp.slow) {
                long min = s.readTimeout().toMillis() - (READ_TIMEOUT.toMillis() - TIMEOUT_MIN_MILLIS);
                assertTrue(ms >= min, context + " took only " + ms + " ms");
            }
            if (exp.type == null) {
                if (got.error != null) {
                    throw new AssertionError(context + ": expected success, got " + got.error, got.error);
                }
                assertArrayEquals(exp.body, got.body, context + ": the body is whole and right");
            } else {
                assertNotNull(got.error, context + ": expected " + exp.type.getSimpleName() + ", got a body of "
                        + (got.body == null ? 0 : got.body.length) + " bytes");
                assertInstanceOf(exp.type, got.error, context + ": " + got.error);
                assertEquals(exp.what, got.error.getMessage(), context);
                assertTrue(isPrefix(got.partial, BODY) || isPrefix(got.partial, DRIP_BODY),
                        context + ": bytes handed out before the error are the body's start");
            }
            assertEquals(exp.newConnection ? 2 : 1, server.connectionCount(), context + ": connections the server saw");
            long posts = server.recordedRequests().stream().filter(r -> r.method().equals("POST")).count();
            assertTrue(posts <= 1, context + ": a POST reached the server " + posts + " times");
            PoolInvariants.assertConsistent(session.poolStats(), POOL_MAX, context);
            if (!exp.reusable) {
                assertEquals(0, session.poolStats().idle(), context + ": the connection was not kept");
            }

            // The session is still good: the next request gets a whole, right body.
            assertArrayEquals(BODY, session.get(server.url("/after")).bytes(), context + ": a normal request afterwards");
            PoolInvariants.assertConsistent(session.poolStats(), POOL_MAX, context + ", after a normal request");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tlsCases")
    void eachTlsFaultIsATlsExceptionNamingHostAndPort(TlsFault fault, String method) {
        try (MockServer bad = MockServer.startTls(fault); MockServer good = MockServer.start()) {
            Path pem = bad.certificate().writePem(dir.resolve("ca-" + fault + ".pem"));
            try (Session session = Session.builder().caBundle(pem).poolMaxSize(POOL_MAX).build()) {
                String where = "127.0.0.1:" + bad.port();
                for (int attempt = 1; attempt <= 2; attempt++) { // nothing of a failed handshake is kept
                    long t0 = System.nanoTime();
                    Outcome got = exchange(session, bad.url("/case"), method, Mode.BUFFERED, READ_TIMEOUT);
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    String context = fault + " " + method + " attempt " + attempt;
                    assertTrue(ms < BOUND_MILLIS, context + " took " + ms + " ms");
                    assertInstanceOf(TlsException.class, got.error, context + ": " + got.error);
                    String msg = got.error.getMessage();
                    assertEquals("TLS handshake with " + where + " failed: " + tlsWhat(fault) + tlsHint(fault, pem), msg, context);
                    assertNull(got.body);
                }
                assertEquals(0, bad.requestCount(), "no request was sent over a failed handshake");
                assertEquals(0, session.poolStats().connectionsOpened());
                PoolInvariants.assertConsistent(session.poolStats(), POOL_MAX, fault.toString());
                good.dispatcher(r -> new MockResponse().body(BODY));
                assertArrayEquals(BODY, session.get(good.url("/after")).bytes());
                PoolInvariants.assertConsistent(session.poolStats(), POOL_MAX, fault + ", after a normal request");
            }
        }
    }

    /**
     * A server that accepts and then never reads: the request body fills the socket buffers and the
     * sender's write blocks. SO_TIMEOUT bounds reads only, so Spool bounds each body write by the
     * read timeout too (as requests' timeout bounds every socket call).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(BodyKind.class)
    void aServerThatStopsReadingTheRequestBodyGivesATimeoutNotAHang(BodyKind kind) throws Exception {
        try (java.net.ServerSocket deaf = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
             Session session = Session.builder().poolMaxSize(POOL_MAX).build()) {
            String url = "http://127.0.0.1:" + deaf.getLocalPort() + "/upload";
            long t0 = System.nanoTime();
            ReadTimeoutException e = org.junit.jupiter.api.Assertions.assertThrows(ReadTimeoutException.class,
                    () -> session.request("POST", url).timeout(READ_TIMEOUT).body(kind.body()).send());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < BOUND_MILLIS, kind + " took " + ms + " ms");
            assertEquals("sending the request to 127.0.0.1:" + deaf.getLocalPort()
                    + " made no progress for 300 ms (read timeout): the server stopped reading it", e.getMessage());
            PoolInvariants.assertConsistent(session.poolStats(), POOL_MAX, kind.toString());
            assertEquals(0, session.poolStats().idle());
        }
    }

    /** A server that accepts TCP and never answers the TLS handshake: the handshake shares the connect timeout. */
    @Test
    void aServerSilentInTheTlsHandshakeGivesAConnectTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
             Session session = Session.builder().connectTimeout(READ_TIMEOUT).poolMaxSize(POOL_MAX).build()) {
            long t0 = System.nanoTime();
            ConnectTimeoutException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectTimeoutException.class,
                    () -> session.get("https://127.0.0.1:" + silent.getLocalPort() + "/"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= TIMEOUT_MIN_MILLIS && ms < BOUND_MILLIS, "took " + ms + " ms");
            assertEquals("connect to 127.0.0.1:" + silent.getLocalPort() + " timed out after 300 ms", e.getMessage());
            PoolInvariants.assertConsistent(session.poolStats(), POOL_MAX, "silent TLS");
        }
    }

    /** The wrong protocol on either side: a clear error naming host and port, never a hang or a body. */
    @Test
    void httpsToAPlainServerAndHttpToATlsServerFailClearly() {
        try (MockServer plain = MockServer.start(); MockServer tls = MockServer.startTls();
             Session session = Session.builder().poolMaxSize(POOL_MAX).build()) {
            TlsException e = org.junit.jupiter.api.Assertions.assertThrows(TlsException.class,
                    () -> session.request("GET", "https://127.0.0.1:" + plain.port() + "/").timeout(READ_TIMEOUT).send());
            assertEquals("TLS handshake with 127.0.0.1:" + plain.port() + " failed: Unsupported or unrecognized SSL message",
                    e.getMessage());
            long t0 = System.nanoTime();
            SpoolException e2 = org.junit.jupiter.api.Assertions.assertThrows(SpoolException.class,
                    () -> session.request("GET", "http://127.0.0.1:" + tls.port() + "/").timeout(READ_TIMEOUT).send());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < BOUND_MILLIS, "took " + ms + " ms");
            assertInstanceOf(ProtocolException.class, e2);
            assertEquals("malformed status line \"\\x15\\x03\\x03\\x00\\x02\\x02\" (a TLS record: the server speaks HTTPS"
                    + " on this port; use https://) (from 127.0.0.1:" + tls.port() + ")", e2.getMessage());
            PoolInvariants.assertConsistent(session.poolStats(), POOL_MAX, "protocol mismatch");
        }
    }

    /** Request bodies larger than any socket buffer: known length, and streamed (chunked). */
    enum BodyKind {
        FIXED_LENGTH, CHUNKED;

        Body body() {
            if (this == FIXED_LENGTH) {
                return Body.bytes(new byte[64 << 20]);
            }
            return Body.stream(new InputStream() {
                private long left = 64L << 20;

                @Override
                public int read() {
                    return left-- > 0 ? 0 : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    Arrays.fill(b, off, off + n, (byte) 0);
                    left -= n;
                    return n;
                }
            });
        }
    }

    /** What the JDK's message says for each TLS fault (the part the table quotes). */
    static String tlsWhat(TlsFault fault) {
        switch (fault) {
            case HANDSHAKE_FAILURE:
                return "Received fatal alert: handshake_failure";
            case WRONG_HOST:
                return "No subject alternative names matching IP address 127.0.0.1 found";
            case EXPIRED:
                return "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed";
            default:
                throw new AssertionError(fault);
        }
    }

    /** What a failed certificate verification adds: the trust source and the fixes (none for a refused handshake). */
    static String tlsHint(TlsFault fault, Path caBundle) {
        return fault == TlsFault.HANDSHAKE_FAILURE ? "" : "; certificate verified against the CA bundle " + caBundle.toAbsolutePath()
                + " given in code; to fix: trust the server's CA with caBundle(Path) on the Session builder (or the request),"
                + " or turn verification off with verify(false)";
    }

    static Stream<Arguments> tlsCases() {
        List<Arguments> out = new ArrayList<>();
        for (TlsFault f : TlsFault.values()) {
            out.add(Arguments.of(f, "GET"));
            out.add(Arguments.of(f, "POST"));
        }
        return out.stream();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void everyTestkitFaultHasARow(Fault fault) {
        assertNotNull(Scenario.valueOf(fault.name()).fault(), fault + " is in the matrix");
    }

    /** What one exchange gave: a whole body, or an exception and the bytes handed out before it. */
    static final class Outcome {
        byte[] body;
        byte[] partial = new byte[0];
        SpoolException error;
    }

    /** Sends the request and reads the body as the mode says; Spool's exception is caught, anything else fails. */
    static Outcome exchange(Session session, String url, String method, Mode mode, Duration timeout) {
        Outcome out = new Outcome();
        var rb = session.request(method, url).timeout(timeout);
        if (method.equals("POST")) {
            rb.body(Body.bytes("payload".getBytes(StandardCharsets.US_ASCII)));
        }
        try {
            if (mode == Mode.BUFFERED) {
                out.body = rb.send().bytes();
                return out;
            }
            try (Response r = rb.stream(true).send()) {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                InputStream in = r.inputStream();
                byte[] buf = new byte[4096];
                try {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        got.write(buf, 0, n);
                    }
                } catch (IOException e) {
                    out.partial = got.toByteArray();
                    if (!(e.getCause() instanceof SpoolException)) {
                        fail("a streamed body failed with an IOException that carries no Spool exception", e);
                    }
                    out.error = (SpoolException) e.getCause();
                    return out;
                }
                out.body = got.toByteArray();
                return out;
            }
        } catch (SpoolException e) {
            out.error = e;
            return out;
        }
    }

    static boolean isPrefix(byte[] part, byte[] whole) {
        return part.length <= whole.length && Arrays.equals(part, 0, part.length, whole, 0, part.length);
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + (i * 7 + i / 26) % 26);
        }
        return b;
    }
}
