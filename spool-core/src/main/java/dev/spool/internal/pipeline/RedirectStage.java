package dev.spool.internal.pipeline;

import dev.spool.Request;
import dev.spool.Response;
import dev.spool.SpoolException;
import dev.spool.TooManyRedirectsException;
import dev.spool.redirect.Redirects;
import dev.spool.retry.Retry;
import dev.spool.retry.RetryExhaustedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows redirects with the {@link Redirects} policy: drains each hop's body so the connection is
 * reused, records the hops in the final response's history, stops at the call's limit, and marks
 * the call as having left its origin so the stages below stop sending its credentials. When
 * redirects are off it attaches the request a redirect leads to ({@code Response.nextRequest()}).
 */
final class RedirectStage implements Stage {
    @Override
    public Response handle(Request request, Chain chain) {
        Response response = chain.proceed(request);
        if (!response.isRedirect()) {
            return response; // the common case: no allocation
        }
        CallOptions options = chain.options();
        if (!options.followRedirects()) {
            Request next;
            try {
                next = Redirects.next(request, response);
            } catch (SpoolException e) {
                next = null; // a Location that cannot be followed: the caller gets the redirect as it is
            }
            return next == null ? response : response.toBuilder().nextRequest(next).build();
        }
        List<Response> history = new ArrayList<>(4);
        Request current = request;
        Chain rest = chain;
        while (true) {
            if (history.size() >= options.maxRedirects()) {
                response.discardBody();
                throw new TooManyRedirectsException("Exceeded " + options.maxRedirects() + " redirects: the last, a "
                        + response.status() + " from " + current.httpUrl().withoutUserInfo() + ", pointed to "
                        + response.header("Location"), withHistory(response, history));
            }
            Request following;
            try {
                following = Redirects.next(current, response);
            } catch (RuntimeException e) {
                response.close();
                throw e;
            }
            RetryCursor cursor = options.retryCursor();
            if (cursor != null) {
                Retry retry = cursor.current();
                Retry.Decision d = retry.onRedirect();
                if (!d.retry()) {
                    if (!retry.raiseOnRedirect()) {
                        return response.toBuilder().history(history).nextRequest(following).build();
                    }
                    response.discardBody();
                    throw new RetryExhaustedException("gave up following redirects from " + request + ": " + d.reason(),
                            withHistory(response, history), null);
                }
                cursor.advance(d.next());
            }
            response.discardBody();
            history.add(response);
            if (!options.crossedOrigin() && !Redirects.keepsCredentials(current.httpUrl(), following.httpUrl())) {
                // Sticky: once the call has left its origin, its credentials stay behind for good.
                options = options.withCrossedOrigin();
                rest = chain.withOptions(options);
            }
            current = following;
            response = rest.proceed(current);
            if (!response.isRedirect()) {
                return withHistory(response, history);
            }
        }
    }

    /** The final response, with the redirects that led to it; it takes over the response's body. */
    private static Response withHistory(Response response, List<Response> history) {
        return response.toBuilder().history(history).build();
    }
}
