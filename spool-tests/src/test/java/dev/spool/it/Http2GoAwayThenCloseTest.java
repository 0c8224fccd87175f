package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.ConnectionException;
import dev.spool.Protocol;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.internal.http2.ErrorCode;
import dev.spool.internal.http2.FrameWriter;
import dev.spool.internal.http2.Settings;
import dev.spool.internal.http2.hpack.HpackEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTTP/2 server that says GOAWAY (last stream 2^31-1: "streams still welcome") and then closes the
 * fresh connection without answering, as Apache httpd does to a connection a stopping process
 * accepted during a graceful restart: an idempotent request that got no byte back is sent again once
 * on a new connection; a POST is not, and its error says why.
 */
@Timeout(30)
class Http2GoAwayThenCloseTest {
    private static final int FRAME_HEADERS = 1;

    /** The first connection, once a request's HEADERS arrive, says GOAWAY and closes; later ones answer {@code 200 "second"}. */
    private static final class LeavingServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();

        LeavingServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::serve, "leaving-h2");
            t.setDaemon(true);
            t.start();
        }

        private void serve() {
            while (true) {
                try (Socket s = socket.accept()) {
                    boolean leave = accepted.incrementAndGet() == 1;
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    in.readNBytes(24); // the client's preface
                    FrameWriter w = new FrameWriter();
                    w.writeSettings(Settings.RFC_DEFAULTS);
                    out.write(w.toByteArray());
                    out.flush();
                    byte[] head = new byte[9];
                    while (in.readNBytes(head, 0, 9) == 9) {
                        int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | head[2] & 0xff;
                        in.readNBytes(length);
                        int stream = (head[5] & 0x7f) << 24 | (head[6] & 0xff) << 16 | (head[7] & 0xff) << 8 | head[8] & 0xff;
                        if (head[3] == FRAME_HEADERS) {
                            if (leave) {
                                // The request is in flight: GOAWAY, then close without a word more.
                                FrameWriter bye = new FrameWriter();
                                bye.writeGoAway(Integer.MAX_VALUE, ErrorCode.NO_ERROR, new byte[0]);
                                out.write(bye.toByteArray());
                                out.flush();
                                // A FIN, not a reset: the rest of the request is read and dropped, so
                                // the client reads the GOAWAY before the end (a close with unread input
                                // would send RST, and the client could see only a broken pipe).
                                s.shutdownOutput();
                                in.transferTo(OutputStream.nullOutputStream());
                                break;
                            }
                            out.write(answer(stream));
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }

        private static byte[] answer(int stream) {
            HpackEncoder enc = new HpackEncoder();
            enc.startBlock();
            enc.addField(":status", "200", false);
            FrameWriter w = new FrameWriter();
            w.writeHeaders(stream, enc.buffer(), 0, enc.length(), false);
            byte[] text = "second".getBytes(StandardCharsets.US_ASCII);
            w.writeData(stream, text, 0, text.length, true);
            return w.toByteArray();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Session session() {
        return Session.builder().protocols(Protocol.H2_PRIOR_KNOWLEDGE).readTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void anIdempotentRequestIsSentAgainOnANewConnection() throws Exception {
        try (LeavingServer server = new LeavingServer(); Session s = session()) {
            Response r = s.get(server.url());
            assertEquals("second", r.text());
            assertEquals(2, server.accepted.get());
            assertEquals(2, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void aPostIsNotSentAgainAndTheErrorSaysWhy() throws Exception {
        try (LeavingServer server = new LeavingServer(); Session s = session()) {
            ConnectionException e = assertThrows(ConnectionException.class,
                    () -> s.post(server.url(), Body.bytes("x".getBytes(StandardCharsets.US_ASCII))));
            assertTrue(e.getMessage().contains("said GOAWAY and closed before it answered the POST; not retried"),
                    e.getMessage());
            assertEquals(1, server.accepted.get());
        }
    }
}
