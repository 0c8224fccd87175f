package dev.spool;

import dev.spool.internal.pipeline.Pipeline;

/**
 * Runs a session's assembled requests through its pipeline, limits and loads their bodies, and
 * reports each call to the event listener.
 */
final class CallRunner {
    /** The send pipeline: policy stages, then the transport (DESIGN section 3). */
    private final Pipeline pipeline;
    /** The most bytes a response body held in memory may have after decoding. */
    private final long maxBodySize;
    /** {@link EventListener#NONE} or the guarded listener; compared by identity so no listener costs nothing. */
    private final EventListener listener;

    CallRunner(Pipeline pipeline, long maxBodySize, EventListener listener) {
        this.pipeline = pipeline;
        this.maxBodySize = maxBodySize;
        this.listener = listener;
    }

    /** Sends a request assembled from a builder, with the builder's streaming, redirect and per-call settings. */
    Response send(Request request, RequestBuilder rb) {
        EventListener l = listener;
        if (l != EventListener.NONE) {
            l.callStart(request);
        }
        Response done;
        try {
            Response response = pipeline.send(request, rb.isStream(), rb.followRedirects(), rb.overrides());
            response.limitBody(maxBodySize);
            done = rb.isStream() ? response.watchLeaks() : response.load();
        } catch (RuntimeException e) {
            if (l != EventListener.NONE) {
                l.callFailed(request, e);
            }
            throw e;
        }
        if (l != EventListener.NONE) {
            // A buffered body has ended already; a streamed one reports the end of the call when it ends.
            done.whenBodyDone(() -> l.callEnd(request, done));
        }
        return done;
    }

    /** Sends an already assembled request, following redirects unless it is a HEAD, and loads its body. */
    Response send(Request request) {
        return pipeline.send(request, false, !request.method().equals("HEAD"), null).limitBody(maxBodySize).load();
    }
}
