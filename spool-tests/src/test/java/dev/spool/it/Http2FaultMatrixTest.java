package dev.spool.it;

import static dev.spool.it.H2Peer.concat;
import static dev.spool.it.H2Peer.frame;
import static dev.spool.it.H2Peer.int32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.ProtocolException;
import dev.spool.Protocol;
import dev.spool.ReadTimeoutException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.SpoolException;
import dev.spool.it.H2Peer.Conn;
import dev.spool.it.H2Peer.Frame;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP/2 rows of the fault matrix (docs/reliability.md): a server written frame by frame over a
 * real socket breaks one rule each, and the client answers as RFC 9113 says (a stream error resets
 * that stream and the connection serves the next request; a connection error sends GOAWAY, fails
 * what is in flight and the next request opens a new connection), names what was wrong and the
 * server, buffers nothing unbounded, and leaves the pool consistent.
 */
@Timeout(60)
class Http2FaultMatrixTest {
    /** RFC 9113 section 7 codes the tests look for. */
    static final int PROTOCOL_ERROR = 0x1;
    static final int FLOW_CONTROL_ERROR = 0x3;
    static final int STREAM_CLOSED = 0x5;
    static final int CANCEL = 0x8;
    static final int COMPRESSION_ERROR = 0x9;

    static Session session(Duration readTimeout) {
        return Session.builder().protocols(Protocol.H2_PRIOR_KNOWLEDGE).readTimeout(readTimeout).build();
    }

    /** A well-behaved connection: answers each request with its path, PINGs with their ACK. */
    static void serve(Conn c) throws Exception {
        c.greet();
        serveRest(c);
    }

    /** The end of every row: nothing leaked in the pool, and the next request works. */
    static void afterwards(Session s, H2Peer server, int expectedConnection) {
        PoolInvariants.assertConsistent(s.poolStats(), 10, "after the fault");
        // Its own generous timeout: some rows use a short one for the fault, which a busy machine must not trip here.
        try (Response r = s.request("GET", server.url("/next")).timeout(Duration.ofSeconds(20)).send()) {
            assertEquals("ok /next", r.text());
            assertEquals(expectedConnection, r.connection().number(), "the connection the next request used");
        }
        PoolInvariants.assertConsistent(s.poolStats(), 10, "after the next request");
    }

    static void assertNames(SpoolException e, H2Peer server, String... parts) {
        String m = e.getMessage();
        assertTrue(m.contains("127.0.0.1:" + server.socket.getLocalPort()), "names the server: " + m);
        for (String p : parts) {
            assertTrue(m.contains(p), "names '" + p + "': " + m);
        }
    }

    @Test
    void aHeaderListOverTheAdvertisedLimitResetsOnlyItsStream() throws Exception {
        AtomicLong advertised = new AtomicLong(-1);
        AtomicInteger resetCode = new AtomicInteger(-1);
        String big = "a".repeat(4000);
        try (H2Peer server = new H2Peer(c -> {
            Frame settings = c.greet();
            for (int i = 0; i + 6 <= settings.payload().length; i += 6) {
                byte[] p = settings.payload();
                if (((p[i] & 0xff) << 8 | p[i + 1] & 0xff) == 0x6) { // SETTINGS_MAX_HEADER_LIST_SIZE
                    advertised.set((p[i + 2] & 0xffL) << 24 | (p[i + 3] & 0xff) << 16 | (p[i + 4] & 0xff) << 8 | p[i + 5] & 0xff);
                }
            }
            H2Peer.Request r1 = c.request();
            // 10 kB on the wire: ":status 200", one 4,000-byte field entering the dynamic table, then
            // that entry named 20 times (index 62): 84,819 bytes decoded, over the 65,536 advertised.
            byte[] block = concat(new byte[] {(byte) 0x88}, H2Peer.indexedLiteral("x-big", big), repeat((byte) 0xbe, 20));
            c.send(frame(Frame.HEADERS, 0x4 | 0x1, r1.stream(), block));
            Frame rst = c.await(Frame.RST_STREAM);
            resetCode.set(rst.stream() == r1.stream() ? rst.errorCode() : -2);
            // The next response names the table entry again: the client's HPACK table is in step.
            H2Peer.Request r2 = c.request();
            c.send(frame(Frame.HEADERS, 0x4, r2.stream(), concat(new byte[] {(byte) 0x88, (byte) 0xbe},
                    H2Peer.literal("content-length", "2"))), frame(Frame.DATA, 1, r2.stream(), "ok".getBytes()));
            serveRest(c);
        }); Session s = session(Duration.ofSeconds(10))) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> s.get(server.url("/big-headers")));
            assertNames(e, server, "response header list too large: header list of 84819 bytes", "exceeds the limit of 65536");
            assertEquals(65536, advertised.get(), "the client advertised SETTINGS_MAX_HEADER_LIST_SIZE");
            try (Response r = s.get(server.url("/after"))) {
                assertEquals(PROTOCOL_ERROR, resetCode.get(), "RST_STREAM PROTOCOL_ERROR on the stream");
                assertEquals("ok", r.text());
                assertEquals(big, r.header("x-big"), "the dynamic table entry of the failed block");
                assertEquals(1, r.connection().number(), "the connection went on");
            }
            afterwards(s, server, 1);
        }
    }

    @Test
    void badHeaderBlocksResetOnlyTheirStream() throws Exception {
        byte[][] blocks = {
            concat(new byte[] {(byte) 0x88}, H2Peer.literal("X-Upper", "1")),
            concat(new byte[] {(byte) 0x88}, H2Peer.literal("connection", "keep-alive")),
            concat(H2Peer.literal("x-first", "1"), new byte[] {(byte) 0x88}),
        };
        String[] messages = {
            "field name \"X-Upper\" has an uppercase character at index 0",
            "connection-specific field \"connection\" in the response",
            "pseudo-header \":status\" after a regular field",
        };
        java.util.concurrent.atomic.AtomicIntegerArray resetCodes = new java.util.concurrent.atomic.AtomicIntegerArray(blocks.length);
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            for (int i = 0; i < blocks.length; i++) {
                H2Peer.Request r = c.request();
                c.send(frame(Frame.HEADERS, 0x4 | 0x1, r.stream(), blocks[i]));
                Frame rst = c.await(Frame.RST_STREAM);
                resetCodes.set(i, rst.stream() == r.stream() ? rst.errorCode() : -2);
            }
            serveRest(c);
        }); Session s = session(Duration.ofSeconds(10))) {
            for (int i = 0; i < blocks.length; i++) {
                ProtocolException e = assertThrows(ProtocolException.class, () -> s.get(server.url("/bad")));
                assertNames(e, server, messages[i]);
            }
            afterwards(s, server, 1); // the one connection served every request
            for (int i = 0; i < blocks.length; i++) {
                assertEquals(PROTOCOL_ERROR, resetCodes.get(i), "RST_STREAM PROTOCOL_ERROR for block " + i);
            }
        }
    }

    @Test
    void aTableSizeUpdateAboveOurSettingIsACompressionErrorWithGoAway() throws Exception {
        ByteArrayOutputStream update = new ByteArrayOutputStream();
        H2Peer.integer(update, 0x20, 5, 8192); // dynamic table size update to 8192; we allow 4096
        update.write(0x88);
        connectionErrorInTheHead(update.toByteArray(), COMPRESSION_ERROR,
                "dynamic table size update to 8192 exceeds SETTINGS_HEADER_TABLE_SIZE 4096");
    }

    @Test
    void anIndexBeyondTheTableIsACompressionErrorWithGoAway() throws Exception {
        // Index 62 names the first dynamic entry; the table is empty.
        connectionErrorInTheHead(new byte[] {(byte) 0x88, (byte) 0xbe}, COMPRESSION_ERROR,
                "index 62 is beyond the table (61 static + 0 dynamic entries)");
    }

    /** The server answers the first request with {@code block}; the client must end the connection. */
    private static void connectionErrorInTheHead(byte[] block, int code, String message) throws Exception {
        AtomicInteger goAwayCode = new AtomicInteger(-1);
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            H2Peer.Request r1 = c.request();
            c.send(frame(Frame.HEADERS, 0x4 | 0x1, r1.stream(), block));
            goAwayCode.set(c.await(Frame.GOAWAY).errorCode());
        }, Http2FaultMatrixTest::serve); Session s = session(Duration.ofSeconds(10))) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> s.get(server.url("/hpack")));
            assertNames(e, server, message);
            assertTrue(server.awaitDone(0), "the client closed the connection");
            assertEquals(code, goAwayCode.get(), "GOAWAY with the error code");
            afterwards(s, server, 2);
        }
    }

    @Test
    void aSettingsFloodThatNeverReadsTheAnswersEndsWithinTheTimeout() throws Exception {
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            byte[] burst = new byte[9 * 2000];
            byte[] one = frame(Frame.SETTINGS, 0, 0, new byte[0]);
            for (int i = 0; i < 2000; i++) {
                System.arraycopy(one, 0, burst, i * 9, 9);
            }
            while (true) { // never reads again: the client's SETTINGS ACKs pile up
                c.out.write(burst);
            }
        }, Http2FaultMatrixTest::serve); Session s = session(Duration.ofMillis(500))) {
            SpoolException e = assertThrows(SpoolException.class, () -> s.get(server.url("/flood")));
            assertNames(e, server);
            assertTrue(server.awaitDone(0), "the client closed the flooding connection");
            afterwards(s, server, 2);
        }
    }

    @Test
    void aStreamWindowUpdatePastTheMaximumResetsOnlyThatStream() throws Exception {
        AtomicInteger resetCode = new AtomicInteger(-1);
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            H2Peer.Request r1 = c.request();
            c.send(frame(Frame.WINDOW_UPDATE, 0, r1.stream(), int32(0x7fffffffL))); // 65,535 + 2^31-1
            Frame rst = c.await(Frame.RST_STREAM);
            resetCode.set(rst.stream() == r1.stream() ? rst.errorCode() : -2);
            serveRest(c);
        }); Session s = session(Duration.ofSeconds(10))) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> s.get(server.url("/window")));
            assertNames(e, server, "stream 1's window over 2^31-1");
            afterwards(s, server, 1);
            assertEquals(FLOW_CONTROL_ERROR, resetCode.get(), "RST_STREAM FLOW_CONTROL_ERROR");
        }
    }

    @Test
    void framesOnClosedStreamsAreIgnoredAndTheConnectionGoesOn() throws Exception {
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            H2Peer.Request r1 = c.request();
            c.respond(r1.stream(), 200, "one");
            H2Peer.Request r2 = c.request(); // stream 1 is closed on the client now
            int closed = r1.stream();
            c.send(frame(Frame.DATA, 0, closed, "late".getBytes()),
                    frame(Frame.HEADERS, 0x4 | 0x1, closed, new byte[] {(byte) 0x88}),
                    frame(Frame.WINDOW_UPDATE, 0, closed, int32(1000)),
                    frame(Frame.RST_STREAM, 0, closed, int32(CANCEL)));
            c.respond(r2.stream(), 200, "two");
            serveRest(c);
        }); Session s = session(Duration.ofSeconds(10))) {
            assertEquals("one", s.get(server.url("/1")).text());
            try (Response r = s.get(server.url("/2"))) {
                assertEquals("two", r.text());
                assertEquals(1, r.connection().number());
            }
            afterwards(s, server, 1);
        }
    }

    @Test
    void dataOnAStreamWeNeverOpenedIsAConnectionError() throws Exception {
        frameOnAnIdleStream(frame(Frame.DATA, 0, 3, "x".getBytes()), "DATA on stream 3, which we never opened (our next stream is 3)");
    }

    @Test
    void headersOnAnEvenStreamIsAConnectionError() throws Exception {
        frameOnAnIdleStream(frame(Frame.HEADERS, 0x4, 2, new byte[] {(byte) 0x88}), "HEADERS on stream 2, which we never opened");
    }

    @Test
    void aWindowUpdateOnAStreamWeNeverOpenedIsAConnectionError() throws Exception {
        frameOnAnIdleStream(frame(Frame.WINDOW_UPDATE, 0, 5, int32(10)), "WINDOW_UPDATE on stream 5, which we never opened");
    }

    private static void frameOnAnIdleStream(byte[] bad, String message) throws Exception {
        AtomicInteger goAwayCode = new AtomicInteger(-1);
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            c.request(); // stream 1 is open; the client's next would be 3
            c.send(bad);
            goAwayCode.set(c.await(Frame.GOAWAY).errorCode());
        }, Http2FaultMatrixTest::serve); Session s = session(Duration.ofSeconds(10))) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> s.get(server.url("/idle")));
            assertNames(e, server, message);
            assertTrue(server.awaitDone(0), "the client closed the connection");
            assertEquals(PROTOCOL_ERROR, goAwayCode.get(), "GOAWAY PROTOCOL_ERROR");
            afterwards(s, server, 2);
        }
    }

    @Test
    void dataAfterEndStreamResetsTheStreamAndTheBodyStaysWhole() throws Exception {
        CountDownLatch reset = new CountDownLatch(1);
        AtomicInteger resetCode = new AtomicInteger(-1);
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            H2Peer.Request r1 = c.request();
            c.respond(r1.stream(), 200, "whole");
            c.send(frame(Frame.DATA, 0, r1.stream(), "extra".getBytes()));
            Frame rst = c.await(Frame.RST_STREAM);
            resetCode.set(rst.stream() == r1.stream() ? rst.errorCode() : -2);
            reset.countDown();
            serveRest(c);
        }); Session s = session(Duration.ofSeconds(10))) {
            try (Response r = s.request("GET", server.url("/held")).stream(true).send()) {
                assertTrue(reset.await(10, TimeUnit.SECONDS), "the client reset the stream");
                assertEquals(STREAM_CLOSED, resetCode.get(), "RST_STREAM STREAM_CLOSED");
                assertEquals("whole", new String(r.inputStream().readAllBytes()));
            }
            afterwards(s, server, 1);
        }
    }

    @Test
    void anUploadTheServerGrantsNoWindowForTimesOutAndResetsOnlyItsStream() throws Exception {
        AtomicInteger resetCode = new AtomicInteger(-1);
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            int upload = c.await(Frame.HEADERS).stream(); // reads on, but never sends WINDOW_UPDATE
            for (Frame f = c.next(); f != null; f = c.next()) {
                if (f.type() == Frame.RST_STREAM && f.stream() == upload) {
                    resetCode.set(f.errorCode());
                    break;
                }
            }
            serveRest(c);
        }); Session s = session(Duration.ofMillis(300))) {
            byte[] body = new byte[1 << 20];
            ReadTimeoutException e = assertThrows(ReadTimeoutException.class,
                    () -> s.post(server.url("/upload"), Body.bytes(body)));
            assertNames(e, server, "made no progress for 300 ms", "stopped reading");
            afterwards(s, server, 1);
            assertEquals(CANCEL, resetCode.get(), "RST_STREAM CANCEL for the stalled upload");
        }
    }

    @Test
    void aServerThatStopsReadingTheSocketFailsTheUploadAndItsConnectionOnly() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            // Windows as large as allowed, so the client writes until the socket buffers are full.
            byte[] settings = {0, 0x4, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}; // INITIAL_WINDOW_SIZE 2^31-1
            c.send(frame(Frame.SETTINGS, 0, 0, settings), frame(Frame.WINDOW_UPDATE, 0, 0, int32(0x7fffffffL - 65535)));
            c.await(Frame.HEADERS);
            release.await(30, TimeUnit.SECONDS); // never reads again
        }, Http2FaultMatrixTest::serve); Session s = session(Duration.ofMillis(300))) {
            try {
                byte[] body = new byte[64 << 20];
                ReadTimeoutException e = assertThrows(ReadTimeoutException.class,
                        () -> s.post(server.url("/upload"), Body.bytes(body)));
                assertNames(e, server, "made no progress for 300 ms", "stopped reading");
                afterwards(s, server, 2);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void goAwayBelowStreamsInFlightRetriesThemOnANewConnectionWhateverTheMethod() throws Exception {
        AtomicInteger lowest = new AtomicInteger();
        StringBuffer secondConnection = new StringBuffer();
        try (H2Peer server = new H2Peer(c -> {
            c.greet();
            java.util.List<H2Peer.Request> both = c.requests(2);
            H2Peer.Request a = both.get(0);
            H2Peer.Request b = both.get(1);
            H2Peer.Request first = a.stream() < b.stream() ? a : b;
            lowest.set(first.stream());
            // The server processed only the first stream: the other is above GOAWAY's last stream id.
            c.send(frame(Frame.GOAWAY, 0, 0, concat(int32(first.stream()), int32(0))));
            c.respond(first.stream(), 200, "ok " + first.get(":path") + " " + new String(first.body()));
            c.await(Frame.GOAWAY); // the client closes once its last stream is done
        }, c -> {
            c.greet();
            H2Peer.Request r = c.request();
            secondConnection.append(r.get(":method")).append(' ').append(r.get(":path"));
            c.respond(r.stream(), 200, "ok " + r.get(":path") + " " + new String(r.body()));
            serveRest(c);
        }); Session s = session(Duration.ofSeconds(10))) {
            java.util.concurrent.CompletableFuture<Response> a =
                    s.request("POST", server.url("/a")).body(Body.text("payment a")).sendAsync();
            java.util.concurrent.CompletableFuture<Response> b =
                    s.request("POST", server.url("/b")).body(Body.text("payment b")).sendAsync();
            Response ra = a.get(20, TimeUnit.SECONDS);
            Response rb = b.get(20, TimeUnit.SECONDS);
            assertEquals("ok /a payment a", ra.text());
            assertEquals("ok /b payment b", rb.text());
            Response retried = ra.connection().number() == 2 ? ra : rb;
            assertEquals(2, retried.connection().number(), "one POST was retried on a new connection");
            assertEquals(1, (ra == retried ? rb : ra).connection().number(), "the processed one was not");
            assertEquals(retried == ra ? "POST /a" : "POST /b", secondConnection.toString(),
                    "the new connection got the unprocessed POST, once");
            assertEquals(1, lowest.get(), "the processed stream");
            afterwards(s, server, 2);
            assertEquals(1, s.poolStats().origins().get(0).closed(dev.spool.CloseReason.GOAWAY));
        }
    }

    /** After a script's fault: serve the rest of the connection normally (requests, PINGs). */
    static void serveRest(Conn c) throws Exception {
        for (Frame f = c.next(); f != null; f = c.next()) {
            if (f.type() == Frame.HEADERS) {
                String path = f.fields().stream().filter(h -> h.name().equals(":path")).findFirst().orElseThrow().value();
                c.respond(f.stream(), 200, "ok " + path);
            } else if (f.type() == Frame.PING && !f.ack()) {
                c.send(frame(Frame.PING, 1, 0, f.payload()));
            }
        }
    }

    static byte[] repeat(byte b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, b);
        return out;
    }
}
