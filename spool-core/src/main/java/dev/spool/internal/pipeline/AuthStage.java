package dev.spool.internal.pipeline;

import dev.spool.Request;
import dev.spool.Response;
import dev.spool.auth.Auth;
import dev.spool.internal.auth.Netrc;

/**
 * Applies the call's {@link Auth} while the call is on the origin it was addressed to, and lets it
 * answer one {@code 401} challenge by sending once more (the 401's body drained first, so the
 * connection is reused). Where the call has no auth, or a redirect has taken it to another origin,
 * the session's netrc credentials for the host of each hop apply instead, as in requests.
 */
final class AuthStage implements Stage {
    private final Netrc netrc;

    /** @param netrc the session's netrc credentials, or null */
    AuthStage(Netrc netrc) {
        this.netrc = netrc;
    }

    @Override
    public Response handle(Request request, Chain chain) {
        CallOptions options = chain.options();
        Auth auth = options.crossedOrigin() ? null : options.auth();
        if (auth == null && netrc != null) {
            auth = netrc.authFor(request.httpUrl().host());
        }
        if (auth == null) {
            return chain.proceed(request);
        }
        Request applied = auth.apply(request);
        Request sent = applied != null ? applied : request;
        Response response = chain.proceed(sent);
        if (response.status() != 401 || (sent.body() != null && !sent.body().isReplayable())) {
            return response;
        }
        Request again;
        try {
            again = auth.challenge(sent, response);
        } catch (RuntimeException | Error e) {
            response.close();
            throw e;
        }
        if (again == null) {
            return response;
        }
        response.close();
        return chain.proceed(again);
    }
}
