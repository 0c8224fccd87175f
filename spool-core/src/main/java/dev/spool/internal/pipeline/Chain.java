package dev.spool.internal.pipeline;

import dev.spool.Request;
import dev.spool.Response;

/**
 * The rest of the pipeline from one stage's point of view, so stages can send again (a retry, a
 * redirect, an auth challenge) by calling {@link #proceed(Request)} again. Immutable: the links are
 * made up front, so a session can keep the chains of its common calls and send without allocating.
 */
public final class Chain {
    private final Stage[] stages;
    private final int index;
    private final CallOptions options;
    /** The chain after this stage, or null past the last stage. */
    private final Chain next;

    /** Starts a call at the first stage. */
    public Chain(Stage[] stages, CallOptions options) {
        this(stages, 0, options);
    }

    private Chain(Stage[] stages, int index, CallOptions options) {
        this.stages = stages;
        this.index = index;
        this.options = options;
        this.next = index < stages.length ? new Chain(stages, index + 1, options) : null;
    }

    /** The call's options. */
    public CallOptions options() {
        return options;
    }

    /** This point of the pipeline with other options for the stages after it (a redirect's, a retry's). */
    public Chain withOptions(CallOptions newOptions) {
        return newOptions == options ? this : new Chain(stages, index, newOptions);
    }

    /** Sends the request through the stages after this one. */
    public Response proceed(Request request) {
        if (index >= stages.length) {
            throw new IllegalStateException("the last stage of a pipeline must not proceed");
        }
        return stages[index].handle(request, next);
    }
}
