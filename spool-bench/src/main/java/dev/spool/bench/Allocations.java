package dev.spool.bench;

import java.lang.management.ManagementFactory;

/**
 * Heap allocation counters from {@code com.sun.management.ThreadMXBean}: the harness reads the total
 * for all threads (ended ones included) before and after a measured interval, so a client's own
 * selector and executor threads are charged to it as well as the caller's.
 */
final class Allocations {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final boolean SUPPORTED;

    static {
        boolean ok = MX.isThreadAllocatedMemorySupported();
        if (ok && !MX.isThreadAllocatedMemoryEnabled()) {
            MX.setThreadAllocatedMemoryEnabled(true);
        }
        SUPPORTED = ok && MX.isThreadAllocatedMemoryEnabled();
    }

    private Allocations() {
    }

    /** Heap bytes allocated by all threads since the JVM started, or -1 when the JVM cannot tell. */
    static long total() {
        return SUPPORTED ? MX.getTotalThreadAllocatedBytes() : -1;
    }

    /** Heap bytes allocated by the calling thread so far, or -1 when the JVM cannot tell. */
    static long currentThread() {
        return SUPPORTED ? MX.getCurrentThreadAllocatedBytes() : -1;
    }

    /** The difference of two readings, or -1 when either is missing. */
    static long between(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }
}
