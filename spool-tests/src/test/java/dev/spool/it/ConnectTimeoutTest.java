package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ConnectTimeoutException;
import dev.spool.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connect timeouts: a TCP connect that never completes, and a TLS handshake that never answers. */
@Timeout(30)
class ConnectTimeoutTest {
    @Test
    void aTlsHandshakeThatNeverAnswersTimesOutWithinTheConnectTimeout() throws IOException {
        // A server that accepts TCP and then says nothing: the handshake shares the connect timeout.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Session s = Session.builder().connectTimeout(Duration.ofMillis(300)).verify(false).build()) {
            long t0 = System.nanoTime();
            ConnectTimeoutException e = assertThrows(ConnectTimeoutException.class,
                    () -> s.get("https://127.0.0.1:" + silent.getLocalPort() + "/"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 250 && ms < 5000, "took " + ms + " ms");
            assertEquals("connect to 127.0.0.1:" + silent.getLocalPort() + " timed out after 300 ms", e.getMessage());
            assertEquals(0, s.poolStats().inUse());
        }
    }

    @Test
    void aTcpConnectThatNeverCompletesTimesOut() throws IOException {
        // A listener that never accepts, its backlog filled: Linux then drops further SYNs, so the
        // next connect hangs until the client's connect timeout.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
                        fillers.add(f);
                    } catch (IOException timedOut) {
                        f.close();
                        break; // the backlog is full: connects now hang, which is what we want
                    }
                }
                try (Session s = Session.builder().connectTimeout(Duration.ofMillis(300)).build()) {
                    ConnectTimeoutException e = assertThrows(ConnectTimeoutException.class,
                            () -> s.get("http://127.0.0.1:" + full.getLocalPort() + "/"));
                    assertTrue(e.getMessage().startsWith("connect to 127.0.0.1:" + full.getLocalPort() + " timed out"),
                            e.getMessage());
                    assertEquals(0, s.poolStats().inUse());
                }
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }
}
