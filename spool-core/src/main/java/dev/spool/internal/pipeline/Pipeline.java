package dev.spool.internal.pipeline;

import dev.spool.InvalidRequestException;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.ResponseHook;
import dev.spool.Url;
import dev.spool.auth.Auth;
import dev.spool.internal.auth.Netrc;
import dev.spool.cookies.CookieJar;
import dev.spool.retry.Retry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A session's send pipeline, in DESIGN order: retry, redirect, hooks, auth, cookies, transport. A
 * stage is in the pipeline only when it has something to do, and the chains of a session's plain
 * calls (no per-request auth, retry, hooks, cookies or redirect limit, no user info in the URL) are
 * made once, so such a call allocates nothing here.
 */
public final class Pipeline {
    private final Stage transport;
    private final CookieStage cookieStage;
    private final Auth auth;
    /** The session's netrc credentials (null when it has none or does not trust the environment). */
    private final Netrc netrc;
    private final Stage authStage;
    private final Retry retry;
    private final List<ResponseHook> hooks;
    private final int maxRedirects;
    /** Chains for plain calls, indexed by {@link #plainIndex}. */
    private final Chain[] plain = new Chain[4];

    private static final Stage RETRY = new RetryStage();
    private static final Stage REDIRECT = new RedirectStage();
    private static final Stage HOOKS = new HookStage();

    /**
     * A pipeline ending in {@code transport}, with the session's settings.
     *
     * @param auth the session's auth, or null
     * @param retry the session's retry policy, or null for none
     * @param netrc the netrc credentials of a session that trusts the environment, or null
     */
    public Pipeline(Stage transport, CookieJar jar, Auth auth, Retry retry, List<ResponseHook> hooks, int maxRedirects,
                    Netrc netrc) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.netrc = netrc == null || netrc.isEmpty() ? null : netrc;
        this.authStage = new AuthStage(this.netrc);
        this.cookieStage = new CookieStage(Objects.requireNonNull(jar, "cookie jar"));
        this.auth = auth;
        this.retry = retry;
        this.hooks = List.copyOf(hooks);
        this.maxRedirects = maxRedirects;
        Stage[] stages = stages(retry != null, !this.hooks.isEmpty(), auth != null || this.netrc != null);
        for (int i = 0; i < plain.length; i++) {
            boolean stream = (i & 1) != 0;
            boolean follow = (i & 2) != 0;
            plain[i] = new Chain(stages, new CallOptions(stream, follow, maxRedirects, auth, retry, this.hooks,
                    List.of(), false, null));
        }
    }

    private static int plainIndex(boolean stream, boolean follow) {
        return (stream ? 1 : 0) | (follow ? 2 : 0);
    }

    private Stage[] stages(boolean withRetry, boolean withHooks, boolean withAuth) {
        List<Stage> list = new ArrayList<>(6);
        if (withRetry) {
            list.add(RETRY);
        }
        list.add(REDIRECT);
        if (withHooks) {
            list.add(HOOKS);
        }
        if (withAuth) {
            list.add(authStage);
        }
        list.add(cookieStage);
        list.add(transport);
        return list.toArray(new Stage[0]);
    }

    /**
     * Sends a request through the pipeline.
     *
     * @param overrides the request's own settings, or null when it has none
     */
    public Response send(Request request, boolean stream, boolean follow, CallOverrides overrides) {
        Url url = request.httpUrl();
        if (overrides == null && url.userInfo() == null) {
            return plain[plainIndex(stream, follow)].proceed(request);
        }
        CallOverrides o = overrides != null ? overrides : CallOverrides.NONE;
        Auth callAuth = o.auth() != null ? o.auth() : auth;
        Request r = request;
        if (url.userInfo() != null) {
            // requests' order: the request's auth, the session's, then user:password@ from the URL.
            // The user info itself never goes further: not on the wire, not in Host, not in the response URL.
            if (callAuth == null) {
                callAuth = basicFromUserInfo(url);
            }
            r = request.withUrl(url.withoutUserInfo());
        }
        Retry callRetry = o.retry() != null ? o.retry() : retry;
        List<ResponseHook> callHooks = o.hooks() != null ? o.hooks() : hooks;
        int callMax = o.maxRedirects() != null ? o.maxRedirects() : maxRedirects;
        CallOptions options = new CallOptions(stream, follow, callMax, callAuth, callRetry, callHooks, o.cookies(),
                false, null);
        Stage[] stages = stages(callRetry != null, !callHooks.isEmpty(), callAuth != null || netrc != null);
        return new Chain(stages, options).proceed(r);
    }

    /** Basic credentials from {@code user:password@}, each part percent-decoded as UTF-8. */
    private static Auth basicFromUserInfo(Url url) {
        String info = url.userInfo();
        int colon = info.indexOf(':');
        String user = percentDecode(colon < 0 ? info : info.substring(0, colon));
        String password = colon < 0 ? "" : percentDecode(info.substring(colon + 1));
        try {
            return Auth.basic(user, password);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("the user info of " + url.withoutUserInfo()
                    + " cannot be used for Basic auth: " + e.getMessage(), e);
        }
    }

    /** RFC 3986 section 2.1 percent-decoding (a '+' stays a '+'); a malformed escape is kept as it is. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 3;
                    continue;
                }
            }
            int cp = s.codePointAt(i);
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            i += Character.charCount(cp);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
