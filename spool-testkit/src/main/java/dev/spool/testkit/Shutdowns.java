package dev.spool.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** How the testkit's servers stop their parts: sockets closed without a fuss, threads joined by a deadline. */
final class Shutdowns {
    private Shutdowns() {
    }

    /** Waits for {@code t} to end until {@code deadline} (a {@code System.nanoTime()} value); whether it did. */
    static boolean join(Thread t, long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    /** Closes {@code c} (null is allowed), ignoring a failure: the socket is unusable either way. */
    static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing on the way out; the socket is unusable either way
            }
        }
    }
}
