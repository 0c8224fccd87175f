package dev.spool.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs one {@link Exchange} in a closed loop on N platform threads for a fixed time (or until a
 * request cap), measuring rate, latency and allocation over exactly that interval. Everything the
 * loop needs (threads, buffers, histograms) is made before the interval starts, so none of it is
 * charged to the client.
 */
final class LoadRunner {
    /** Latencies above a minute are clamped; every client has a 30 s timeout, well below. */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Three significant digits: 0.1% resolution at any latency, as wrk and JMH report. */
    static final int SIGNIFICANT_DIGITS = 3;
    /** How long past the deadline a round may run before its threads are given up as stuck. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private LoadRunner() {
    }

    /** Thrown when a round's exchange failed; carries the first failure as its cause. */
    static final class RoundFailure extends Exception {
        RoundFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs the loop.
     *
     * @param threads worker threads sharing {@code exchange}
     * @param duration how long the loop runs; an exchange started before the deadline completes
     * @param maxRequests a cap over all threads, so a very fast loop cannot run away
     * @param bufferSize each worker's buffer for streamed bodies
     */
    static RoundStats run(int threads, Duration duration, long maxRequests, int bufferSize, Exchange exchange)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long perThreadCap = Math.max(1, maxRequests / threads);
        long[] deadline = new long[1];
        Worker[] workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(exchange, bufferSize, perThreadCap, ready, go, done, deadline);
            Thread t = new Thread(workers[i], "bench-worker-" + i);
            t.setDaemon(true); // a stuck client must not keep the JVM alive after the report
            workers[i].thread = t;
            t.start();
        }
        ready.await();
        long alloc0 = Allocations.total();
        long t0 = System.nanoTime();
        deadline[0] = t0 + duration.toNanos(); // published to the workers by go.countDown()
        go.countDown();
        boolean finished = done.await(duration.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
        long alloc1 = Allocations.total();
        if (!finished) {
            for (Worker w : workers) {
                w.thread.interrupt();
            }
            throw new RoundFailure("exchanges still running " + GRACE.toSeconds() + " s after the deadline", null);
        }
        long requests = 0;
        long bytes = 0;
        long end = t0;
        Histogram all = newHistogram();
        for (Worker w : workers) {
            if (w.failure != null) {
                throw new RoundFailure(Failures.describe(w.failure), w.failure);
            }
            requests += w.requests;
            bytes += w.bytes;
            end = Math.max(end, w.endNanos);
            all.add(w.histogram);
        }
        if (requests == 0) {
            throw new RoundFailure("no exchange completed", null);
        }
        return new RoundStats(requests, bytes, end - t0, Allocations.between(alloc0, alloc1),
                all.getValueAtPercentile(50), all.getValueAtPercentile(99), Map.of());
    }

    static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /** One thread's loop; its fields are read by the runner only after {@code done} is counted down. */
    private static final class Worker implements Runnable {
        private final Exchange exchange;
        private final byte[] buffer;
        private final long cap;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        private final CountDownLatch done;
        private final long[] deadline;
        private final Histogram histogram = newHistogram();
        Thread thread;
        long requests;
        long bytes;
        long endNanos;
        Throwable failure;

        Worker(Exchange exchange, int bufferSize, long cap, CountDownLatch ready, CountDownLatch go,
               CountDownLatch done, long[] deadline) {
            this.exchange = exchange;
            this.buffer = new byte[bufferSize];
            this.cap = cap;
            this.ready = ready;
            this.go = go;
            this.done = done;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            try {
                ready.countDown();
                go.await();
                long end = deadline[0];
                long n = 0;
                long b = 0;
                while (n < cap) {
                    long start = System.nanoTime();
                    if (start - end >= 0) {
                        break;
                    }
                    b += exchange.run(buffer);
                    histogram.recordValue(Math.min(System.nanoTime() - start, HIGHEST_TRACKABLE_NANOS));
                    n++;
                }
                requests = n;
                bytes = b;
            } catch (Throwable t) {
                failure = t;
            } finally {
                endNanos = System.nanoTime();
                done.countDown();
            }
        }
    }
}
