package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.PoolStats;
import dev.spool.Session;
import dev.spool.Url;
import dev.spool.testkit.MockServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A default session cycled through 1,000 origins keeps at most poolConnections x poolMaxSize
 * connections open: the least recently used origins are evicted and their connections closed, so
 * nothing accumulates per origin ever seen. 100 MockServers (each on 127.0.0.1) are each reached
 * under 10 spellings of the loopback address, which are 10 different origins to the pool (as in
 * urllib3, the key is the host as written).
 */
@Timeout(300)
class OriginChurnTest {
    /** Ten ways to write the loopback address that the JDK resolves to 127.0.0.1 and Url accepts. */
    static final List<String> LOOPBACK_SPELLINGS = List.of("127.0.0.1", "localhost", "127.1", "127.0.1",
            "2130706433", "[::ffff:127.0.0.1]", "127.000.000.001", "127.0.0.01", "127.00.0.1", "127.0.00.1");
    static final int SERVERS = 100;
    static final int THREADS = 12;
    /** Each round sends requests to this many origins, from every thread at once, then all threads meet. */
    static final int ORIGINS_PER_ROUND = 10;
    static final int REQUESTS_PER_THREAD_PER_ROUND = 3;
    static final int PASSES = 2;
    /** Session defaults (urllib3's): 10 origin pools of at most 10 connections. */
    static final int POOL_CONNECTIONS = 10;
    static final int POOL_MAX_SIZE = 10;

    @Test
    void aThousandOriginsThroughADefaultSessionKeepAtMostPoolConnectionsTimesPoolMaxSizeOpen() throws Exception {
        List<MockServer> servers = new ArrayList<>();
        try {
            Set<Integer> ports = new HashSet<>();
            List<String> origins = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                MockServer server = MockServer.start();
                servers.add(server);
                ports.add(server.port());
                for (String host : LOOPBACK_SPELLINGS) {
                    origins.add("http://" + host + ":" + server.port() + "/");
                }
            }
            Set<String> keys = new HashSet<>();
            for (String o : origins) {
                Url u = Url.parse(o);
                keys.add(u.host() + ":" + u.port());
            }
            assertEquals(1_000, keys.size(), "distinct origins to the pool");

            int rounds = PASSES * origins.size() / ORIGINS_PER_ROUND;
            AtomicInteger maxOpen = new AtomicInteger();
            AtomicInteger round = new AtomicInteger();
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            try (Session session = new Session()) {
                // Runs while every worker waits at the barrier: nothing is in flight, nothing half-closed.
                Runnable check = () -> {
                    try {
                        PoolStats stats = session.poolStats();
                        int open = ClientSockets.count(ports);
                        maxOpen.accumulateAndGet(open, Math::max);
                        String where = "after round " + round.get() + ": ";
                        if (open != stats.idle()) {
                            violations.add(where + open + " client sockets open but " + stats.idle() + " idle in the pool");
                        }
                        if (open > POOL_CONNECTIONS * POOL_MAX_SIZE || stats.origins().size() > POOL_CONNECTIONS) {
                            violations.add(where + open + " open, " + stats.origins().size() + " origins: " + stats);
                        }
                        PoolInvariants.assertConsistent(stats, POOL_MAX_SIZE, where);
                    } catch (Exception | AssertionError e) {
                        violations.add("check failed: " + e);
                    }
                    round.incrementAndGet();
                };
                CyclicBarrier barrier = new CyclicBarrier(THREADS, check);
                ExecutorService threads = Executors.newFixedThreadPool(THREADS);
                try {
                    List<Future<?>> futures = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        Random random = new Random(t);
                        futures.add(threads.submit(() -> {
                            for (int r = 0; r < rounds; r++) {
                                int base = (r * ORIGINS_PER_ROUND) % origins.size();
                                for (int k = 0; k < REQUESTS_PER_THREAD_PER_ROUND; k++) {
                                    String origin = origins.get(base + random.nextInt(ORIGINS_PER_ROUND));
                                    assertEquals("ok", session.get(origin + "r" + r).text());
                                }
                                await(barrier);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : futures) {
                        f.get(240, TimeUnit.SECONDS);
                    }
                } finally {
                    threads.shutdownNow();
                }
                assertEquals(rounds, round.get(), "every round was checked");
                assertEquals(List.of(), new ArrayList<>(violations));
                System.out.printf("OriginChurnTest: %d requests to %d origins, %d connections opened, at most %d"
                                + " open at a check (bound %d), %d open at the end%n",
                        rounds * THREADS * REQUESTS_PER_THREAD_PER_ROUND, keys.size(),
                        session.poolStats().connectionsOpened(), maxOpen.get(), POOL_CONNECTIONS * POOL_MAX_SIZE,
                        ClientSockets.count(ports));
            }
            assertEquals(0, ClientSockets.count(ports), "closing the session closed every connection");
        } finally {
            for (MockServer s : servers) {
                s.close();
            }
        }
    }

    private static void await(CyclicBarrier barrier) throws InterruptedException, BrokenBarrierException {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a worker did not reach the barrier in 60 s", e);
        }
    }
}
