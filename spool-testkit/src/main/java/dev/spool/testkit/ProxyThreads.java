package dev.spool.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads and sockets of one MockProxy: starts its daemon threads, copies tunnel bytes both
 * ways, and on close closes every live socket and joins every thread within a bound.
 */
final class ProxyThreads {
    /** Reads client bytes (through whatever buffer already holds some). */
    @FunctionalInterface
    interface Source {
        int read(byte[] b, int off, int len) throws IOException;
    }

    private final Set<Closeable> live = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Duration joinBound;

    ProxyThreads(Duration joinBound) {
        this.joinBound = joinBound;
    }

    /** The sockets open now, closed by {@link #closeAll}. */
    Set<Closeable> live() {
        return live;
    }

    /** Starts {@code r} on a daemon thread named {@code name}, joined by {@link #closeAll}. */
    Thread spawn(String name, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    /** Closes every live socket, then waits (together at most the join bound) for every thread. */
    void closeAll(Thread acceptThread) {
        for (Closeable c : live) {
            Shutdowns.closeQuietly(c);
        }
        long deadline = System.nanoTime() + joinBound.toNanos();
        Shutdowns.join(acceptThread, deadline);
        for (Thread t : threads) {
            Shutdowns.join(t, deadline);
        }
    }

    /**
     * Copies bytes both ways until both directions end (each passes on the end of its side as a
     * half-close), upstream-to-client on a second thread; then closes the upstream socket.
     */
    void pipe(Socket client, Source fromClient, Socket up) {
        Thread back = spawn(Thread.currentThread().getName() + "-tunnel", () -> {
            try {
                InputStream upIn = up.getInputStream();
                OutputStream clientOut = client.getOutputStream();
                byte[] buf = new byte[16 * 1024];
                int r;
                while ((r = upIn.read(buf)) >= 0) {
                    clientOut.write(buf, 0, r);
                    clientOut.flush();
                }
                client.shutdownOutput();
            } catch (IOException e) {
                Shutdowns.closeQuietly(client); // one side broke: the tunnel is over
            }
        });
        try {
            OutputStream upOut = up.getOutputStream();
            byte[] buf = new byte[16 * 1024];
            int r;
            while ((r = fromClient.read(buf, 0, buf.length)) >= 0) {
                upOut.write(buf, 0, r);
                upOut.flush();
            }
            up.shutdownOutput();
        } catch (IOException e) {
            Shutdowns.closeQuietly(up); // one side broke: the tunnel is over
        } finally {
            Shutdowns.join(back, System.nanoTime() + joinBound.toNanos() * 12);
            Shutdowns.closeQuietly(up);
            live.remove(up);
        }
    }
}
