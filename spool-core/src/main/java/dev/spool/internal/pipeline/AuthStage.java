package dev.spool.internal.pipeline;

import dev.spool.Request;
import dev.spool.Response;
import dev.spool.auth.Auth;

/**
 * Applies the call's {@link Auth} while the call is on the origin it was addressed to, and lets it
 * answer one {@code 401} challenge by sending once more (the 401's body drained first, so the
 * connection is reused).
 */
final class AuthStage implements Stage {
    @Override
    public Response handle(Request request, Chain chain) {
        CallOptions options = chain.options();
        Auth auth = options.auth();
        if (auth == null || options.crossedOrigin()) {
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
