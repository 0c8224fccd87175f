package dev.spool.internal.connection;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds each blocking write of a request body by the connection's timeout. SO_TIMEOUT bounds reads
 * only: a server that stops reading (its TCP window stays shut) would block the sender for ever.
 * While a body is written, one shared timer thread checks a few times per timeout whether the current
 * write has been blocked longer than the timeout, and if so aborts the connection, which ends the
 * write with an exception (as requests' timeout bounds every socket call, sends included). Time the
 * body spends producing its bytes does not count; only time inside a socket write does.
 */
final class WriteGuard implements Runnable, AutoCloseable {
    /** Checks per timeout: a blocked write is aborted within 1.25 timeouts. */
    private static final int CHECKS_PER_TIMEOUT = 4;
    private static final long MIN_CHECK_MILLIS = 10;

    private final Connection connection;
    private final int timeoutMillis;
    private final long timeoutNanos;
    private final ScheduledFuture<?> task;
    /** nanoTime when the current write began, or 0 outside a write. */
    private volatile long writeStarted;
    private volatile boolean fired;

    WriteGuard(Connection connection, int timeoutMillis) {
        this.connection = connection;
        this.timeoutMillis = timeoutMillis;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long period = Math.max(MIN_CHECK_MILLIS, timeoutMillis / CHECKS_PER_TIMEOUT);
        this.task = Timer.INSTANCE.scheduleWithFixedDelay(this, period, period, TimeUnit.MILLISECONDS);
    }

    /** Writes, aborting the connection if this one write blocks longer than the timeout. */
    void write(OutputStream out, byte[] b, int off, int len) throws IOException {
        writeStarted = System.nanoTime() | 1; // never 0, which means "not writing"
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            if (fired) {
                throw timedOut(e);
            }
            throw e;
        } finally {
            writeStarted = 0;
        }
        if (fired) {
            throw timedOut(null); // aborted just as the write completed: the connection is gone all the same
        }
    }

    @Override
    public void run() {
        long started = writeStarted;
        if (started != 0 && System.nanoTime() - started > timeoutNanos && writeStarted == started) {
            fired = true;
            task.cancel(false);
            connection.abort();
        }
    }

    /** Stops checking; the body is written (or failed). */
    @Override
    public void close() {
        task.cancel(false);
        connection.unguard();
    }

    private SocketTimeoutException timedOut(IOException cause) {
        SocketTimeoutException e = new WriteTimeoutException(timeoutMillis);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** A body write that made no progress for the timeout; Failures words it for the user. */
    static final class WriteTimeoutException extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;
        final int timeoutMillis;

        WriteTimeoutException(int timeoutMillis) {
            super("write made no progress for " + timeoutMillis + " ms");
            this.timeoutMillis = timeoutMillis;
        }
    }

    /** The one timer thread, started on the first guarded body write. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "spool-write-timeout");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true); // cancelled checks must not pile up in the queue
            return t;
        }
    }
}
