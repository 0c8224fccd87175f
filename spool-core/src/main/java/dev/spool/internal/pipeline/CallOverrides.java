package dev.spool.internal.pipeline;

import dev.spool.ResponseHook;
import dev.spool.auth.Auth;
import dev.spool.retry.Retry;
import java.util.List;

/**
 * The settings one request gives for itself, laid over the session's; null means "the session's".
 *
 * @param auth the request's auth, or null
 * @param retry the request's retry policy, or null
 * @param hooks the request's response hooks (replacing the session's), or null
 * @param cookies per-request cookies as name/value pairs, sent but never stored (never null)
 * @param maxRedirects the request's redirect limit, or null
 */
public record CallOverrides(Auth auth, Retry retry, List<ResponseHook> hooks, List<String[]> cookies,
                            Integer maxRedirects) {
    /** No overrides. */
    public static final CallOverrides NONE = new CallOverrides(null, null, null, List.of(), null);
}
