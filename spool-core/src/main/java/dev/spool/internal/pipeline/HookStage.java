package dev.spool.internal.pipeline;

import dev.spool.Request;
import dev.spool.Response;
import dev.spool.ResponseHook;

/** Runs the call's response hooks on each response (every redirect hop too, as requests does). */
final class HookStage implements Stage {
    @Override
    public Response handle(Request request, Chain chain) {
        Response response = chain.proceed(request);
        for (ResponseHook hook : chain.options().hooks()) {
            Response replaced;
            try {
                replaced = hook.onResponse(response);
            } catch (RuntimeException | Error e) {
                response.close(); // a failing hook must not leave the connection leased
                throw e;
            }
            if (replaced != null) {
                response = replaced;
            }
        }
        return response;
    }
}
