package dev.spool.internal.pipeline;

import dev.spool.ResponseHook;
import dev.spool.auth.Auth;
import dev.spool.redirect.Redirects;
import dev.spool.retry.Retry;
import java.util.List;

/**
 * Per-call settings that are not part of the request on the wire, read by the pipeline stages: the
 * session's defaults with the request's own settings laid over them.
 *
 * @param stream whether the caller streams the body (else it is read before send returns)
 * @param followRedirects whether the redirect stage follows redirects for this call
 * @param maxRedirects how many redirects may be followed before {@code TooManyRedirectsException}
 * @param auth the auth for this call (the request's, else the session's, else the URL's user info), or null
 * @param retry the retry policy for this call, or null for none
 * @param hooks the response hooks for this call (the request's replace the session's)
 * @param cookies per-request cookies as name/value pairs: sent, never stored
 * @param crossedOrigin whether a redirect has left the origin the call was addressed to, so the
 *     call's credentials (auth, per-request cookies) are no longer sent
 * @param retryCursor the retry stage's running budget for this call, read by the redirect stage, or null
 */
public record CallOptions(boolean stream, boolean followRedirects, int maxRedirects, Auth auth, Retry retry,
                          List<ResponseHook> hooks, List<String[]> cookies, boolean crossedOrigin,
                          RetryCursor retryCursor) {
    /** Options with only the streaming and redirect switches set, the rest at the defaults. */
    public CallOptions(boolean stream, boolean followRedirects) {
        this(stream, followRedirects, Redirects.DEFAULT_MAX_REDIRECTS, null, null, List.of(), List.of(), false, null);
    }

    /** These options after a redirect to another origin. */
    public CallOptions withCrossedOrigin() {
        return new CallOptions(stream, followRedirects, maxRedirects, auth, retry, hooks, cookies, true, retryCursor);
    }

    /** These options with the retry stage's running budget. */
    public CallOptions withRetryCursor(RetryCursor cursor) {
        return new CallOptions(stream, followRedirects, maxRedirects, auth, retry, hooks, cookies, crossedOrigin, cursor);
    }
}
