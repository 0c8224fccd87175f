package dev.spool.internal.pipeline;

import dev.spool.retry.Retry;

/**
 * The retry policy of one call as its budgets are spent: the retry stage and the redirect stage
 * (which spends the redirect budget) share it. Confined to the calling thread.
 */
public final class RetryCursor {
    private Retry current;

    /** Starts at the call's policy. */
    public RetryCursor(Retry start) {
        this.current = start;
    }

    /** The policy with what is left of its budgets. */
    public Retry current() {
        return current;
    }

    /** Moves to the policy a decision returned. */
    public void advance(Retry next) {
        this.current = next;
    }
}
