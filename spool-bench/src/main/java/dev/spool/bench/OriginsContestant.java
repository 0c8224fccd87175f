package dev.spool.bench;

import dev.spool.bench.clients.BenchClient;
import dev.spool.bench.clients.ClientKind;
import dev.spool.bench.clients.ClientSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The 1,000-origins workload for one client: each round makes a fresh client with the library's
 * default pool limits, sends one GET to every origin in turn, and counts this process's open file
 * descriptors before, after every exchange, after the last one and after closing the client. A
 * bounded pool keeps the count flat; a pool that keeps every origin's connection grows it by one
 * per origin.
 */
final class OriginsContestant implements Contestant {
    /** A round never runs longer than this, whatever the number of origins. */
    static final Duration ROUND_CAP = Duration.ofSeconds(60);

    private final ClientKind kind;
    private final ClientSettings settings;
    private final List<String> urls;
    private final long expectedBytes;

    /**
     * @param settings the client settings; the pool limits in them are ignored (library defaults
     *     are the point of this workload)
     * @param urls one URL per origin, cycled in order
     */
    OriginsContestant(ClientKind kind, ClientSettings settings, List<String> urls, long expectedBytes) {
        this.kind = kind;
        this.settings = settings.withLibraryDefaults();
        this.urls = List.copyOf(urls);
        this.expectedBytes = expectedBytes;
    }

    @Override
    public String name() {
        return kind.id();
    }

    @Override
    public Role role() {
        return kind.isPeer() ? Role.PEER : Role.SPOOL;
    }

    @Override
    public void prepare(Duration warmup) throws Exception {
        // Warm up on a throwaway client over the origins, so the JIT has seen connection setup.
        try (BenchClient c = kind.create(settings)) {
            long deadline = System.nanoTime() + Math.max(warmup.toNanos(), 1);
            int i = 0;
            do {
                check(c.getFully(urls.get(i % urls.size())));
                i++;
            } while (System.nanoTime() - deadline < 0 && i < urls.size());
        }
    }

    private void check(long n) {
        if (n != expectedBytes) {
            throw new IllegalStateException(kind.id() + " read " + n + " body bytes, expected " + expectedBytes);
        }
    }

    /**
     * One round is one full cycle over the origins whatever {@code duration} says (the point is the
     * count after every origin was visited), bounded by {@link #ROUND_CAP}.
     */
    @Override
    public RoundStats measure(Duration duration) throws Exception {
        Histogram latency = LoadRunner.newHistogram();
        int fdBefore = Fds.open();
        int fdMax = fdBefore;
        int fdAfter;
        long opened;
        long requests = 0;
        long elapsed;
        long allocated;
        BenchClient c = kind.create(settings);
        try {
            // Counting descriptors lists a directory; its time and allocation are taken back out so
            // that the rate and bytes/request describe the client alone.
            long countingNanos = 0;
            long countingAlloc = 0;
            long alloc0 = Allocations.total();
            long t0 = System.nanoTime();
            long stop = t0 + ROUND_CAP.toNanos();
            for (String url : urls) {
                long start = System.nanoTime();
                if (start - stop >= 0) {
                    break;
                }
                check(c.getFully(url));
                long end = System.nanoTime();
                latency.recordValue(Math.min(end - start, LoadRunner.HIGHEST_TRACKABLE_NANOS));
                requests++;
                long a = Allocations.currentThread();
                fdMax = Math.max(fdMax, Fds.open());
                countingAlloc += Allocations.currentThread() - a;
                countingNanos += System.nanoTime() - end;
            }
            elapsed = System.nanoTime() - t0 - countingNanos;
            long a = Allocations.between(alloc0, Allocations.total());
            allocated = a < 0 ? -1 : a - countingAlloc;
            fdAfter = Fds.open();
            opened = ClientKind.connectionsOpened(c);
        } finally {
            c.close();
        }
        int fdAfterClose = Fds.open();
        Map<String, Long> extra = new HashMap<>();
        extra.put("origins", requests);
        extra.put("fdBefore", (long) fdBefore);
        extra.put("fdMax", (long) fdMax);
        extra.put("fdAfter", (long) fdAfter);
        extra.put("fdAfterClose", (long) fdAfterClose);
        if (opened >= 0) {
            extra.put("connectionsOpened", opened);
        }
        return new RoundStats(requests, requests * expectedBytes, elapsed, allocated,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), extra);
    }

    @Override
    public void close() {
        // Each round closes its own client; nothing is held between rounds.
    }
}
