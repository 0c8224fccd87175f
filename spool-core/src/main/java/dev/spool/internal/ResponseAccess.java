package dev.spool.internal;

import dev.spool.Request;
import dev.spool.Response;
import java.util.List;

/**
 * A bridge through which the send pipeline reaches package-private parts of {@link Response} (the
 * JDK's SharedSecrets pattern, as {@link ApiAccess} does for headers); not exported.
 */
public abstract class ResponseAccess {
    private static volatile ResponseAccess instance;

    /** Called once by {@code dev.spool.Response} when it loads. */
    public static void install(ResponseAccess access) {
        instance = access;
    }

    /** The installed bridge, loading {@link Response} (which installs it) if needed. */
    public static ResponseAccess get() {
        ResponseAccess a = instance;
        if (a == null) {
            try {
                Class.forName(Response.class.getName(), true, Response.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    /**
     * A copy of the response that takes over its body (the original must not be used again), with
     * the redirects that led to it (null keeps the original's) and the request a redirect that was
     * not followed leads to (null for none).
     */
    public abstract Response withRedirects(Response response, List<Response> history, Request next);

    /**
     * Frees the response's connection (draining a small remainder so it can be reused) and marks
     * the body as dropped, so reading it later says why it is gone.
     */
    public abstract void discardBody(Response response);
}
