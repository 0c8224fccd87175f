package dev.spool.internal.pipeline;

import dev.spool.Request;
import dev.spool.Response;

/**
 * One step of a session's send pipeline (retry, redirect, auth, cookies, then the transport): it may
 * change the request, send it on through the chain (once or several times), and change or replace
 * the response. Stages are shared by every call of a session, so they must be thread-safe.
 */
public interface Stage {
    /** Handles the request, normally by calling {@link Chain#proceed(Request)} at least once. */
    Response handle(Request request, Chain chain);
}
