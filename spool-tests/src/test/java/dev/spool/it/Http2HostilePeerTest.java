package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Protocol;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.SpoolException;
import dev.spool.internal.http2.FrameWriter;
import dev.spool.internal.http2.Settings;
import dev.spool.internal.http2.hpack.HpackEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/2 servers that misbehave, written here frame by frame over a raw socket (h2c): each failure is
 * bounded in time and memory, named, and leaves the pool consistent.
 */
@Timeout(30)
class Http2HostilePeerTest {
    /** Runs {@code script} as the server of one connection; the test's session speaks h2c to it. */
    static final class RawServer implements AutoCloseable {
        interface Script {
            void run(InputStream in, OutputStream out) throws IOException;
        }

        final ServerSocket socket;
        final Thread thread;
        final CountDownLatch done = new CountDownLatch(1);

        RawServer(Script script) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket s = socket.accept()) {
                    script.run(s.getInputStream(), s.getOutputStream());
                } catch (IOException e) {
                    // the client gave up on us: that is the point
                } finally {
                    done.countDown();
                }
            }, "hostile-h2");
            thread.setDaemon(true);
            thread.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Reads the client's preface (24 bytes), and answers with empty SETTINGS. */
    static void greet(InputStream in, OutputStream out) throws IOException {
        byte[] preface = new byte[24];
        if (!H2Peer.readFully(in, preface)) {
            throw new IOException("no client preface");
        }
        FrameWriter w = new FrameWriter();
        w.writeSettings(Settings.RFC_DEFAULTS);
        out.write(w.array(), 0, w.size());
    }

    static byte[] responseHead(int status) {
        HpackEncoder enc = new HpackEncoder();
        enc.startBlock();
        enc.addField(":status", Integer.toString(status), false);
        return java.util.Arrays.copyOf(enc.buffer(), enc.length());
    }

    static Session session(Duration readTimeout) {
        return Session.builder().protocols(Protocol.H2_PRIOR_KNOWLEDGE).readTimeout(readTimeout).build();
    }

    @Test
    void aPingFloodThatNeverReadsTheAnswersEndsWithinTheTimeout() throws Exception {
        try (RawServer server = new RawServer((in, out) -> {
            greet(in, out);
            FrameWriter w = new FrameWriter();
            for (int i = 0; i < 2000; i++) {
                w.writePing(i);
            }
            byte[] burst = w.toByteArray();
            while (true) { // never reads again: the client's answers pile up in its socket
                out.write(burst);
            }
        }); Session s = session(Duration.ofMillis(500))) {
            long t0 = System.nanoTime();
            SpoolException e = assertThrows(SpoolException.class, () -> s.get(server.url("/flood")));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 5_000, "ended after " + ms + " ms");
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.socket.getLocalPort()), e.getMessage());
            assertEquals(0, s.poolStats().inUse(), "the pool holds nothing afterwards");
            assertTrue(server.done.await(5, TimeUnit.SECONDS), "the client closed the connection");
        }
    }

    @Test
    void dataBeyondTheStreamWindowResetsTheStreamNotTheConnection() throws Exception {
        CountDownLatch reset = new CountDownLatch(1);
        try (RawServer server = new RawServer((in, out) -> {
            greet(in, out);
            awaitFrame(in, 1); // the request's HEADERS: stream 1 exists on the client now
            byte[] head = responseHead(200);
            FrameWriter w = new FrameWriter();
            w.writeHeaders(1, head, 0, head.length, false);
            byte[] chunk = new byte[16384];
            // 4 MiB is the stream's window: 5 MiB is beyond it (the connection's 16 MiB window holds).
            for (int i = 0; i < 5 * 64; i++) {
                w.writeData(1, chunk, 0, chunk.length, false);
            }
            out.write(w.array(), 0, w.size());
            out.flush();
            // The client resets stream 1 with FLOW_CONTROL_ERROR (0x3): an RST_STREAM frame, type 3.
            byte[] frame = new byte[9];
            while (H2Peer.readFully(in, frame)) {
                int length = (frame[0] & 0xff) << 16 | (frame[1] & 0xff) << 8 | frame[2] & 0xff;
                byte[] payload = new byte[length];
                H2Peer.readFully(in, payload);
                if (frame[3] == 3 && length == 4 && payload[3] == 3) {
                    reset.countDown();
                    return;
                }
            }
        }); Session s = session(Duration.ofSeconds(5))) {
            try (Response r = s.request("GET", server.url("/window")).stream(true).send()) {
                assertEquals(200, r.status());
                // Nothing is read yet, so no window goes back: the 5th MiB is beyond the stream's window.
                assertTrue(reset.await(5, TimeUnit.SECONDS), "the client sent RST_STREAM FLOW_CONTROL_ERROR");
                IOException e = assertThrows(IOException.class, () -> r.inputStream().readAllBytes());
                assertTrue(String.valueOf(e.getMessage()).contains("window"), e.getMessage());
            }
            assertEquals(0, s.poolStats().inUse());
        }
    }

    @Test
    void aContinuationFloodEndsTheConnectionWithGoAway() throws Exception {
        CountDownLatch goAway = new CountDownLatch(1);
        try (RawServer server = new RawServer((in, out) -> {
            greet(in, out);
            awaitFrame(in, 1);
            byte[] head = responseHead(200);
            // One write of the whole flood: written frame by frame, the client could cut the connection
            // off (as it should) while the server is still writing, and the server would never read
            // the GOAWAY this test waits for.
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            flood.write(H2Peer.frame(1, 0, 1, head)); // HEADERS without END_HEADERS
            for (int i = 0; i < 1000; i++) {
                flood.write(H2Peer.frame(9, 0, 1, new byte[0])); // empty CONTINUATION, never ending the block
            }
            out.write(flood.toByteArray());
            out.flush();
            awaitFrame(in, 7);
            goAway.countDown();
        }); Session s = session(Duration.ofSeconds(5))) {
            SpoolException e = assertThrows(SpoolException.class, () -> s.get(server.url("/continuation")));
            assertTrue(e.getMessage().contains("CONTINUATION"), e.getMessage());
            assertTrue(goAway.await(5, TimeUnit.SECONDS), "the client said GOAWAY");
            assertEquals(0, s.poolStats().inUse());
        }
    }

    @Test
    void aWindowUpdateOverflowIsAFlowControlError() throws Exception {
        CountDownLatch goAway = new CountDownLatch(1);
        try (RawServer server = new RawServer((in, out) -> {
            greet(in, out);
            awaitFrame(in, 1);
            byte[] inc = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
            out.write(H2Peer.frame(8, 0, 0, inc)); // the connection's window over 2^31-1
            out.flush();
            awaitFrame(in, 7);
            goAway.countDown();
        }); Session s = session(Duration.ofSeconds(5))) {
            SpoolException e = assertThrows(SpoolException.class, () -> s.get(server.url("/window-update")));
            assertTrue(e.getMessage().contains("window"), e.getMessage());
            assertTrue(goAway.await(5, TimeUnit.SECONDS), "the client said GOAWAY");
            assertEquals(0, s.poolStats().inUse());
            assertEquals(0, s.poolStats().idle(), "the failed connection is not kept");
        }
    }

    /** Reads frames until one of {@code type} arrives. */
    static void awaitFrame(InputStream in, int type) throws IOException {
        byte[] frame = new byte[9];
        while (H2Peer.readFully(in, frame)) {
            int length = (frame[0] & 0xff) << 16 | (frame[1] & 0xff) << 8 | frame[2] & 0xff;
            H2Peer.readFully(in, new byte[length]);
            if (frame[3] == type) {
                return;
            }
        }
        throw new IOException("the client closed before sending a frame of type " + type);
    }

    @Test
    void aCallDeadlineResetsTheStreamAndTheServerSeesIt() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch stillOpen = new CountDownLatch(1);
        try (RawServer server = new RawServer((in, out) -> {
            greet(in, out);
            awaitFrame(in, 1); // the request's HEADERS; never answered
            byte[] frame = new byte[9];
            while (H2Peer.readFully(in, frame)) {
                int length = (frame[0] & 0xff) << 16 | (frame[1] & 0xff) << 8 | frame[2] & 0xff;
                byte[] payload = new byte[length];
                H2Peer.readFully(in, payload);
                if (frame[3] == 3 && length == 4 && payload[3] == 8) { // RST_STREAM CANCEL
                    cancelled.countDown();
                    break;
                }
            }
            // The connection outlives the stream: a PING is still answered.
            FrameWriter w = new FrameWriter();
            w.writePing(42);
            out.write(w.array(), 0, w.size());
            out.flush();
            while (H2Peer.readFully(in, frame)) {
                int length = (frame[0] & 0xff) << 16 | (frame[1] & 0xff) << 8 | frame[2] & 0xff;
                H2Peer.readFully(in, new byte[length]);
                if (frame[3] == 6 && (frame[4] & 1) == 1) { // PING ACK
                    stillOpen.countDown();
                    return;
                }
            }
        }); Session s = session(Duration.ofSeconds(30))) {
            long t0 = System.nanoTime();
            assertThrows(dev.spool.CallTimeoutException.class,
                    () -> s.request("GET", server.url("/never")).callTimeout(Duration.ofMillis(200)).send());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 200 && ms < 700, "ended after " + ms + " ms");
            assertTrue(cancelled.await(5, TimeUnit.SECONDS), "the server saw RST_STREAM CANCEL");
            assertTrue(stillOpen.await(5, TimeUnit.SECONDS), "the connection still answers PING");
            assertEquals(0, s.poolStats().inUse(), "no exchange held after the cancel");
        }
    }
}
