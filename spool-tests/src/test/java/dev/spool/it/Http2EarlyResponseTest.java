package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTTP/2 server that answers in full before it has read the request body (RFC 9113 section 8.1),
 * as Apache httpd does for a handler that ignores the body: the response stands, and the client stops
 * sending the rest of the body instead of failing or waiting for window the server never gives.
 */
@Timeout(30)
class Http2EarlyResponseTest {
    private static final int FRAME_HEADERS = 1;
    private static final int FRAME_RST_STREAM = 3;
    /** More than the 65,535-byte initial window: the client cannot send it all unless the server reads. */
    private static final byte[] BODY = new byte[1 << 20];

    /** Answers stream 1's request with {@code 200 "early"} as soon as its HEADERS arrive; optionally RST_STREAM(NO_ERROR). */
    private static final class EarlyServer implements AutoCloseable {
        final ServerSocket socket;
        final CountDownLatch clientReset = new CountDownLatch(1);
        final AtomicInteger clientResetCode = new AtomicInteger(-1);

        EarlyServer(boolean resetAfterResponse) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> serve(resetAfterResponse), "early-h2");
            t.setDaemon(true);
            t.start();
        }

        private void serve(boolean reset) {
            try (Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                in.readNBytes(24); // the client's preface
                FrameWriter w = new FrameWriter();
                w.writeSettings(Settings.RFC_DEFAULTS);
                out.write(w.array(), 0, w.size());
                out.flush();
                byte[] head = new byte[9];
                boolean answered = false;
                while (in.readNBytes(head, 0, 9) == 9) {
                    int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | head[2] & 0xff;
                    byte[] payload = in.readNBytes(length);
                    int stream = (head[5] & 0x7f) << 24 | (head[6] & 0xff) << 16 | (head[7] & 0xff) << 8 | head[8] & 0xff;
                    if (head[3] == FRAME_HEADERS && stream == 1 && !answered) {
                        answered = true;
                        out.write(answer(reset));
                        out.flush();
                    } else if (head[3] == FRAME_RST_STREAM && stream == 1) {
                        clientResetCode.set((payload[0] & 0xff) << 24 | (payload[1] & 0xff) << 16
                                | (payload[2] & 0xff) << 8 | payload[3] & 0xff);
                        clientReset.countDown();
                    }
                }
            } catch (IOException e) {
                // the client closed the connection: the test's assertions tell the rest
            }
        }

        private static byte[] answer(boolean reset) {
            HpackEncoder enc = new HpackEncoder();
            enc.startBlock();
            enc.addField(":status", "200", false);
            enc.addField("content-length", "5", false);
            FrameWriter w = new FrameWriter();
            w.writeHeaders(1, enc.buffer(), 0, enc.length(), false);
            byte[] text = "early".getBytes(StandardCharsets.US_ASCII);
            w.writeData(1, text, 0, text.length, true);
            if (reset) {
                w.writeRstStream(1, ErrorCode.NO_ERROR);
            }
            return w.toByteArray();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/upload";
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
    void aCompleteResponseThenRstStreamNoErrorIsKept() throws Exception {
        try (EarlyServer server = new EarlyServer(true); Session s = session()) {
            // Without the stop, the writer waits for window the server never gives: a write timeout.
            Response r = s.post(server.url(), Body.bytes(BODY));
            assertEquals(200, r.status());
            assertEquals("early", r.text());
            assertEquals(1, r.connection().streamId());
            // The client may end its side before its reader has seen the server's RST_STREAM (the
            // response's END_STREAM and the reset are two frames; a caller can finish between them):
            // then with NO_ERROR, never CANCEL or an error code.
            int code = server.clientResetCode.get();
            assertTrue(code == -1 || code == ErrorCode.NO_ERROR.code(), "the client's reset, if any, is NO_ERROR: " + code);
        }
    }

    @Test
    void aCompleteResponseWithoutWindowForTheBodyEndsTheUploadWithRstStreamNoError() throws Exception {
        try (EarlyServer server = new EarlyServer(false); Session s = session()) {
            Response r = s.post(server.url(), Body.bytes(BODY));
            assertEquals("early", r.text());
            assertTrue(server.clientReset.await(5, TimeUnit.SECONDS), "the client ended its side with RST_STREAM");
            assertEquals(ErrorCode.NO_ERROR.code(), server.clientResetCode.get());
        }
    }
}
