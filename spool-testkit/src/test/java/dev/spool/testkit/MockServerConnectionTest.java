package dev.spool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection facts: reuse per connection, counts, idle closing, client closes, and a clean shutdown. */
@Timeout(30)
class MockServerConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void keepAliveReuseIsCountedPerConnection() throws IOException {
        try (MockServer server = MockServer.start()) {
            try (RawClient a = RawClient.connect(server); RawClient b = RawClient.connect(server)) {
                a.get("/a1").read();
                a.get("/a2").read();
                b.get("/b1").read();
                a.get("/a3").read();
                b.get("/b2").read();
                List<RecordedRequest> all = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    all.add(server.takeRequest(WAIT));
                }
                int aIndex = all.get(0).connectionIndex();
                int bIndex = all.get(2).connectionIndex();
                assertEquals(Set.of(1, 2), Set.of(aIndex, bIndex));
                assertEquals(List.of("/a1:" + aIndex + ":1", "/a2:" + aIndex + ":2", "/b1:" + bIndex + ":1",
                        "/a3:" + aIndex + ":3", "/b2:" + bIndex + ":2"),
                        all.stream().map(r -> r.path() + ":" + r.connectionIndex() + ":" + r.sequenceOnConnection())
                                .collect(Collectors.toList()));
                assertEquals(a.localPort(), all.get(0).remotePort());
                assertEquals(2, server.connectionCount());
                assertEquals(2, server.openConnections());
                assertEquals(2, server.maxConcurrentConnections());
            }
            assertTrue(server.awaitOpenConnections(0, WAIT));
            try (RawClient c = RawClient.connect(server)) {
                c.get("/").read();
            }
            assertEquals(3, server.connectionCount());
            assertEquals(2, server.maxConcurrentConnections());
        }
    }

    @Test
    void manyConcurrentClients() throws Exception {
        int clients = 40;
        try (MockServer server = MockServer.start()) {
            server.dispatcher(r -> new MockResponse().body(r.path()));
            List<RawClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    open.add(RawClient.connect(server));
                }
                List<Thread> threads = new ArrayList<>();
                List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
                CountDownLatch go = new CountDownLatch(1);
                for (int i = 0; i < clients; i++) {
                    RawClient c = open.get(i);
                    String path = "/" + i;
                    Thread t = new Thread(() -> {
                        try {
                            go.await();
                            for (int k = 0; k < 5; k++) {
                                assertEquals(path, c.get(path).read().text());
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                    t.start();
                    threads.add(t);
                }
                go.countDown();
                for (Thread t : threads) {
                    t.join();
                }
                assertEquals(List.of(), failures);
            } finally {
                for (RawClient c : open) {
                    c.close();
                }
            }
            assertEquals(clients * 5, server.requestCount());
            assertEquals(clients, server.connectionCount());
            assertEquals(clients, server.maxConcurrentConnections());
        }
    }

    @Test
    void closeIdleConnectionsClosesOnlyThoseWaitingForARequest() throws IOException {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(r -> r.path().equals("/stall")
                    ? new MockResponse().fault(Fault.STALL_BEFORE_HEADERS) : new MockResponse().body("ok"));
            try (RawClient idle1 = RawClient.connect(server);
                 RawClient idle2 = RawClient.connect(server);
                 RawClient busy = RawClient.connect(server)) {
                idle1.get("/").read();
                idle2.get("/").read();
                busy.get("/stall");
                for (int i = 0; i < 3; i++) {
                    assertNotNull(server.takeRequest(WAIT), "request " + i + " arrived");
                }
                assertEquals(2, server.closeIdleConnections());
                // Certain: the sockets are closed by now, so the clients read end of stream at once.
                assertEquals(1, server.openConnections());
                assertTrue(idle1.atEof());
                assertTrue(idle2.atEof());
                assertFalse(server.awaitClientClose(1, Duration.ofMillis(10)), "the server closed it, not the client");
                busy.timeout(100);
                assertThrows(SocketTimeoutException.class, busy::readByte);
                assertEquals(0, server.closeIdleConnections());
            }
        }
    }

    @Test
    void closeIdleConnectionsRightAfterAResponseFindsTheConnectionIdle() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            for (int i = 0; i < 20; i++) {
                try (RawClient fresh = RawClient.connect(server)) {
                    fresh.get("/").read();
                    assertEquals(1 + (i == 0 ? 1 : 0), server.closeIdleConnections(), "round " + i);
                    assertTrue(fresh.atEof());
                }
                if (i == 0) {
                    assertTrue(c.atEof(), "the unused connection counted as idle too");
                }
            }
        }
    }

    @Test
    void awaitClientCloseSeesTheClientGo() throws IOException {
        try (MockServer server = MockServer.start()) {
            RawClient c = RawClient.connect(server);
            c.get("/").read();
            assertFalse(server.awaitClientClose(1, Duration.ofMillis(50)), "still open");
            c.close();
            assertTrue(server.awaitClientClose(1, WAIT));
            assertTrue(server.awaitOpenConnections(0, WAIT));
        }
    }

    @Test
    void awaitClientCloseSeesAReset() throws IOException {
        try (MockServer server = MockServer.start()) {
            RawClient c = RawClient.connect(server);
            c.get("/").read();
            c.socket.setSoLinger(true, 0);
            c.close();
            assertTrue(server.awaitClientClose(1, WAIT));
        }
    }

    @Test
    void awaitClientCloseWaitsForAConnectionNotAcceptedYet() throws Exception {
        try (MockServer server = MockServer.start()) {
            Thread later = new Thread(() -> {
                try (RawClient c = RawClient.connect(server)) {
                    c.get("/").read();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            later.start();
            assertTrue(server.awaitClientClose(1, WAIT));
            later.join();
            assertThrows(IllegalArgumentException.class, () -> server.awaitClientClose(0, WAIT));
        }
    }

    @Test
    void awaitIdleWaitsForExchangesToFinish() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            server.enqueue(new MockResponse().headersDelay(Duration.ofMillis(100)));
            c.get("/");
            c.read();
            assertTrue(server.awaitIdle(WAIT));
        }
    }

    @Test
    void closeLeavesNoThreadsEvenWithStalledAndSlowConnections() throws Exception {
        Set<String> before = threadNames();
        MockServer server = MockServer.start();
        List<Socket> sockets = new ArrayList<>();
        try {
            server.enqueue(new MockResponse().fault(Fault.STALL_BEFORE_HEADERS));
            server.enqueue(new MockResponse().body("x".repeat(1000)).throttle(1, Duration.ofSeconds(10)));
            server.enqueue(new MockResponse().headersDelay(Duration.ofMinutes(5)));
            // A client that never reads, so the server blocks writing 100 MiB.
            server.enqueue(new MockResponse().bodyOfSize(100L * 1024 * 1024));
            for (int i = 0; i < 4; i++) {
                RawClient c = RawClient.connect(server);
                c.get("/");
                sockets.add(c.socket);
            }
            Socket silent = new Socket(); // connected, never sends a byte
            silent.connect(new InetSocketAddress("127.0.0.1", server.port()));
            sockets.add(silent);
            RawClient idle = RawClient.connect(server);
            sockets.add(idle.socket);
            for (int i = 0; i < 4; i++) {
                assertNotNull(server.takeRequest(WAIT), "request " + i + " arrived");
            }
            assertTrue(server.awaitOpenConnections(6, WAIT));
            assertTrue(threadNames().stream().anyMatch(n -> n.startsWith("mockserver-" + server.port() + "-")));
        } finally {
            long start = System.nanoTime();
            server.close();
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "close() was prompt");
            for (Socket s : sockets) {
                s.close();
            }
        }
        Set<String> after = threadNames();
        Set<String> added = new HashSet<>(after);
        added.removeAll(before);
        assertEquals(Set.of(), added, "threads left after close()");
        assertTrue(after.stream().noneMatch(n -> n.startsWith("mockserver-")), after.toString());
        server.close(); // idempotent
    }

    @Test
    void threadsAreNamedAfterPortAndConnection() throws IOException {
        try (MockServer server = MockServer.start(); RawClient c = RawClient.connect(server)) {
            c.get("/").read();
            Set<String> names = threadNames();
            assertTrue(names.contains("mockserver-" + server.port() + "-accept"), names.toString());
            assertTrue(names.contains("mockserver-" + server.port() + "-1"), names.toString());
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
