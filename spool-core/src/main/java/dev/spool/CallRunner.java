package dev.spool;

import dev.spool.internal.connection.CallGuard;
import dev.spool.internal.pipeline.CallOverrides;
import dev.spool.internal.pipeline.Pipeline;

/**
 * Runs a session's assembled requests through its pipeline, limits and loads their bodies, keeps
 * each call's total deadline, and reports each call to the event listener.
 */
final class CallRunner {
    /** The send pipeline: policy stages, then the transport (DESIGN section 3). */
    private final Pipeline pipeline;
    /** The most bytes a response body held in memory may have after decoding. */
    private final long maxBodySize;
    /** {@link EventListener#NONE} or the guarded listener; compared by identity so no listener costs nothing. */
    private final EventListener listener;
    /** The session's total deadline per call in nanoseconds, 0 for none. */
    private final long callTimeoutNanos;

    CallRunner(Pipeline pipeline, long maxBodySize, EventListener listener, long callTimeoutNanos) {
        this.pipeline = pipeline;
        this.maxBodySize = maxBodySize;
        this.listener = listener;
        this.callTimeoutNanos = callTimeoutNanos;
    }

    /**
     * The guard of a call with a total deadline (the request's, else the session's), or null when it
     * has none: the plain blocking call allocates nothing for it.
     */
    CallGuard guardFor(long requestTimeoutNanos, boolean coversBody) {
        long nanos = requestTimeoutNanos >= 0 ? requestTimeoutNanos : callTimeoutNanos;
        return nanos > 0 ? new CallGuard(nanos, !coversBody) : null;
    }

    /** The guard of an async call: always one, since the call can be cancelled. */
    CallGuard asyncGuard(long requestTimeoutNanos, boolean coversBody) {
        long nanos = requestTimeoutNanos >= 0 ? requestTimeoutNanos : callTimeoutNanos;
        return new CallGuard(Math.max(0, nanos), !coversBody);
    }

    /** Sends a request assembled from a builder, with the builder's settings and a guard when it has a deadline. */
    Response send(Request request, RequestBuilder rb) {
        return send(request, rb.isStream(), rb.followRedirects(), rb.overrides(),
                guardFor(rb.callTimeoutNanos(), rb.callTimeoutCoversBody()));
    }

    /**
     * Sends a request assembled from a builder, with the builder's streaming, redirect and per-call
     * settings, under {@code guard} (null for a call with no deadline that cannot be cancelled).
     */
    Response send(Request request, boolean stream, boolean followRedirects, CallOverrides overrides, CallGuard guard) {
        if (guard != null) {
            request = request.withCall(guard);
            guard.start();
        }
        EventListener l = listener;
        if (l != EventListener.NONE) {
            l.callStart(request);
        }
        Response done;
        try {
            Response response = pipeline.send(request, stream, followRedirects, overrides);
            response.limitBody(maxBodySize);
            done = stream ? response.watchLeaks() : response.load();
        } catch (RuntimeException e) {
            if (guard != null) {
                guard.finish();
            }
            if (l != EventListener.NONE) {
                l.callFailed(request, e);
            }
            throw e;
        }
        if (guard != null && (!stream || guard.headOnly())) {
            guard.finish(); // a buffered body is read; or the caller stopped the clock at the head
            guard = null;
        }
        if (l != EventListener.NONE || guard != null) {
            // A buffered body has ended already; a streamed one ends the call when it ends.
            Request r = request;
            CallGuard g = guard;
            done.whenBodyDone(() -> {
                if (g != null) {
                    g.finish();
                }
                if (l != EventListener.NONE) {
                    l.callEnd(r, done);
                }
            });
        }
        return done;
    }

    /** Sends an already assembled request, following redirects unless it is a HEAD, and loads its body. */
    Response send(Request request) {
        CallGuard guard = callTimeoutNanos > 0 ? new CallGuard(callTimeoutNanos, false) : null;
        if (guard == null) {
            return pipeline.send(request, false, !request.method().equals("HEAD"), null).limitBody(maxBodySize).load();
        }
        guard.start();
        try {
            return pipeline.send(request.withCall(guard), false, !request.method().equals("HEAD"), null)
                    .limitBody(maxBodySize).load();
        } finally {
            guard.finish();
        }
    }
}
