package dev.spool.it.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs a test's requests from several threads at once and fails with the first failure. */
public final class Concurrently {
    /** One request of the load: thread {@code thread}'s {@code i}-th. */
    @FunctionalInterface
    public interface Task {
        void run(int thread, int i) throws Exception;
    }

    private Concurrently() {
    }

    /** Runs {@code perThread} tasks on each of {@code threads} threads, bounded by {@code seconds} in all. */
    public static void run(int threads, int perThread, long seconds, Task task) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                all.add(ex.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        task.run(thread, i);
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (Future<?> f : all) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            ex.shutdownNow();
        }
    }
}
