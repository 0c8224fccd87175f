package dev.spool;

import dev.spool.internal.connection.CallGuard;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The future of an async call: {@link #cancel(boolean)} aborts the call where it stands (the pool
 * wait, the connect, the handshake, a write or a read; an HTTP/1.1 connection mid-exchange is
 * closed), and a response that arrives after a cancel is closed, so nothing leaks.
 */
final class AsyncCall extends CompletableFuture<Response> implements Runnable {
    private final CallGuard guard;
    private final Session session;
    private final CallRunner calls;
    private final Request request;
    private final RequestBuilder rb;
    private final boolean stream;
    private final boolean followRedirects;
    private final dev.spool.internal.pipeline.CallOverrides overrides;

    private AsyncCall(Session session, CallRunner calls, Request request, RequestBuilder rb, CallGuard guard) {
        this.session = session;
        this.calls = calls;
        this.request = request;
        this.rb = rb;
        this.guard = guard;
        // Read now, on the caller's thread: the builder is not thread-safe.
        this.stream = rb.isStream();
        this.followRedirects = rb.followRedirects();
        this.overrides = rb.overrides();
    }

    /**
     * Starts a call of {@code session} on {@code executor}. The request is assembled (and checked) now,
     * on the caller's thread; what goes wrong later completes the future.
     */
    static CompletableFuture<Response> start(Session session, CallRunner calls, Executor executor, RequestBuilder rb,
                                             boolean closed) {
        AsyncCall call;
        try {
            if (closed) {
                throw new IllegalStateException("session is closed");
            }
            call = new AsyncCall(session, calls, session.assemble(rb), rb,
                    calls.asyncGuard(rb.callTimeoutNanos(), rb.callTimeoutCoversBody()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            executor.execute(call);
        } catch (RejectedExecutionException e) {
            call.completeExceptionally(new SpoolException("the session's executor refused the call to " + rb.url(), e));
        }
        return call;
    }

    /** Runs the call on the executor's thread and completes this future there. */
    @Override
    public void run() {
        if (isDone()) {
            guard.finish(); // cancelled while queued: never started
            return;
        }
        Response response;
        try {
            response = calls.send(request, stream, followRedirects, overrides, guard);
        } catch (Throwable e) {
            completeExceptionally(e);
            return;
        } finally {
            if (rb.isOneShot()) {
                session.close(); // a throwaway session (Spool.get...): see RequestBuilder.send
            }
        }
        if (!complete(response)) {
            response.close(); // cancelled as it arrived: nobody will read it
        }
    }

    /**
     * Cancels the call: completes this future with a {@link java.util.concurrent.CancellationException}
     * and aborts the call wherever it is, within milliseconds; {@code mayInterruptIfRunning} is not
     * needed (no thread is interrupted: the guard closes what the call is blocked in).
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            guard.cancel();
        }
        return cancelled;
    }
}
