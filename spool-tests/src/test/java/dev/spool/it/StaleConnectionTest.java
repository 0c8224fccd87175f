package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.ConnectionException;
import dev.spool.Session;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Servers drop kept connections; users must not see it when it is safe to hide. */
@Timeout(30)
class StaleConnectionTest {
    @Test
    void anIdleConnectionClosedByTheServerIsNoticedBeforeReuse() {
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start(); Session s = new Session()) {
            s.get(server.url("/1"));
            assertEquals(1, server.closeIdleConnections());
            // A POST is not retried, so its success proves the dead connection was found before use.
            assertEquals(200, s.post(server.url("/2"), Body.text("x")).status());
            assertEquals(2, server.connectionCount());
            assertEquals(2, server.recordedRequests().get(1).connectionIndex());
            assertTrue(log.lines().contains("DEBUG Resetting dropped connection: 127.0.0.1"), log.lines().toString());
            assertTrue(log.lines().contains("DEBUG Starting new HTTP connection (2): 127.0.0.1:" + server.port()),
                    log.lines().toString());
        }
    }

    @Test
    void anIdleConnectionClosedByTheServerIsReplacedForAGetToo() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            s.get(server.url("/1"));
            server.closeIdleConnections();
            assertEquals("ok", s.get(server.url("/2")).text());
            assertEquals(2, server.recordedRequests().get(1).connectionIndex());
        }
    }

    @Test
    void aGetOnAReusedConnectionDroppedAfterTheRequestSucceedsByRetry() {
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("first"));
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST));
            server.enqueue(new MockResponse().body("retried"));
            assertEquals("first", s.get(server.url("/1")).text());
            assertEquals("retried", s.get(server.url("/2")).text());
            assertEquals(2, server.connectionCount());
            assertEquals(3, server.requestCount(), "the GET reached the server twice");
            assertTrue(log.lines().contains("DEBUG Resetting dropped connection: 127.0.0.1"), log.lines().toString());
        }
    }

    @Test
    void aResetReusedConnectionIsRetriedForAGet() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("first"));
            server.enqueue(new MockResponse().fault(Fault.RESET_AFTER_REQUEST));
            server.enqueue(new MockResponse().body("retried"));
            s.get(server.url("/1"));
            assertEquals("retried", s.get(server.url("/2")).text());
        }
    }

    @Test
    void aPostOnAReusedConnectionDroppedAfterTheRequestFailsClearly() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("first"));
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST));
            s.get(server.url("/1"));
            ConnectionException e = assertThrows(ConnectionException.class,
                    () -> s.post(server.url("/2"), Body.text("payment")));
            assertTrue(e.getMessage().contains("was reused and dropped by the server"), e.getMessage());
            assertTrue(e.getMessage().contains("not retried because POST is not idempotent"), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            assertEquals(2, server.requestCount(), "the POST was sent once, never twice");
            assertEquals(0, s.poolStats().inUse());
        }
    }

    @Test
    void aFreshConnectionDroppedBeforeAnswerIsNotRetried() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST));
            ConnectionException e = assertThrows(ConnectionException.class, () -> s.get(server.url("/")));
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void serverClosingAfterEachResponseWithoutSayingSoIsHandled() {
        try (MockServer server = MockServer.start().closeAfterRequests(1); Session s = new Session()) {
            for (int i = 0; i < 20; i++) {
                assertEquals("ok", s.get(server.url("/" + i)).text());
            }
            assertEquals(20, server.connectionCount());
        }
    }
}
