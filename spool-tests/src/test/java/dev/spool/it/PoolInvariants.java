package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.PoolStats;

/**
 * The pool consistency checks every reliability test ends with: no slot lost (nothing in use once
 * every response is done), no more kept than allowed, and every connection opened either idle in
 * the pool or closed.
 */
final class PoolInvariants {
    private PoolInvariants() {
    }

    /** Asserts the invariants for every origin of a quiet pool (no request in flight, no response open). */
    static void assertConsistent(PoolStats stats, int poolMaxSize, String context) {
        long opened = 0;
        for (PoolStats.OriginStats o : stats.origins()) {
            String where = context + ": " + o;
            assertEquals(0, o.inUse(), "in use after everything finished, " + where);
            assertTrue(o.idle() <= poolMaxSize, "idle above poolMaxSize " + poolMaxSize + ", " + where);
            assertEquals(o.opened() - o.closed(), o.idle(), "opened - closed != idle, " + where);
            opened += o.opened();
        }
        assertTrue(opened <= stats.connectionsOpened(), context + ": origins opened more than the pool: " + stats);
    }
}
