package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ConnectionException;
import dev.spool.ReadTimeoutException;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timeouts are finite, name host, port and the timeout, and the connection is discarded. */
@Timeout(30)
class TimeoutTest {
    @Test
    void aSilentServerGivesAReadTimeout() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().readTimeout(Duration.ofMillis(300)).build()) {
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            long t0 = System.nanoTime();
            ReadTimeoutException e = assertThrows(ReadTimeoutException.class, () -> s.get(server.url("/")));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 250 && ms < 5000, "took " + ms + " ms");
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
            assertEquals(0, s.poolStats().inUse());
            assertEquals(0, s.poolStats().idle(), "the timed-out connection was discarded");
            assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)));
        }
    }

    @Test
    void aPerRequestTimeoutOverridesTheSessionsAndIsSetAgainOnReuse() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            s.get(server.url("/warm"));
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            ReadTimeoutException e = assertThrows(ReadTimeoutException.class,
                    () -> s.request("GET", server.url("/slow")).timeout(Duration.ofMillis(200)).send());
            assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
            server.enqueue(new MockResponse().body("late").headersDelay(Duration.ofMillis(400)));
            assertEquals("late", s.get(server.url("/later")).text(), "the default 60 s applies again");
        }
    }

    @Test
    void aStallMidBodyTimesOutWhileStreaming() throws IOException {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().readTimeout(Duration.ofMillis(300)).build()) {
            server.enqueue(new MockResponse().body("x".repeat(10_000)).fault(Fault.STALL_MID_BODY));
            try (Response r = s.request("GET", server.url("/")).stream(true).send()) {
                InputStream in = r.inputStream();
                IOException e = assertThrows(IOException.class, () -> in.readAllBytes());
                assertTrue(e.getCause() instanceof ReadTimeoutException, String.valueOf(e.getCause()));
            }
            assertEquals(0, s.poolStats().inUse());
            assertEquals(0, s.poolStats().idle());
        }
    }

    @Test
    void aRefusedConnectionNamesHostAndPort() throws IOException {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        try (Session s = new Session()) {
            int p = port;
            ConnectionException e = assertThrows(ConnectionException.class, () -> s.get("http://127.0.0.1:" + p + "/"));
            assertEquals("cannot connect to 127.0.0.1:" + port + " (connection refused)", e.getMessage());
            assertEquals(0, s.poolStats().inUse());
        }
    }
}
