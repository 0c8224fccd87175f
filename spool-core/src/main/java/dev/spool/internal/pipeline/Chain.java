package dev.spool.internal.pipeline;

import dev.spool.Request;
import dev.spool.Response;

/**
 * The rest of the pipeline from one stage's point of view; one per call, so stages can send again
 * (a retry, a redirect, an auth challenge) by calling {@link #proceed(Request)} again.
 */
public final class Chain {
    private final Stage[] stages;
    private final int index;
    private final CallOptions options;

    /** Starts a call at the first stage. */
    public Chain(Stage[] stages, CallOptions options) {
        this(stages, 0, options);
    }

    private Chain(Stage[] stages, int index, CallOptions options) {
        this.stages = stages;
        this.index = index;
        this.options = options;
    }

    /** The call's options. */
    public CallOptions options() {
        return options;
    }

    /** Sends the request through the stages after this one. */
    public Response proceed(Request request) {
        if (index >= stages.length) {
            throw new IllegalStateException("the last stage of a pipeline must not proceed");
        }
        return stages[index].handle(request, new Chain(stages, index + 1, options));
    }
}
