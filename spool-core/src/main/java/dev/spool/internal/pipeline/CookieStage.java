package dev.spool.internal.pipeline;

import dev.spool.Request;
import dev.spool.Response;
import dev.spool.cookies.Cookie;
import dev.spool.cookies.CookieJar;
import java.util.List;

/**
 * Sends the jar's cookies for each hop's URL, with the call's per-request cookies while it is on its
 * own origin, and stores what each response sets. A {@code Cookie} header set by the caller is
 * sent as it is, without the jar's cookies (requests does the same).
 */
final class CookieStage implements Stage {
    private final CookieJar jar;

    CookieStage(CookieJar jar) {
        this.jar = jar;
    }

    @Override
    public Response handle(Request request, Chain chain) {
        Request sent = request;
        if (!request.headers().contains("Cookie")) {
            List<Cookie> fromJar = jar.loadForRequest(request.httpUrl());
            CallOptions options = chain.options();
            List<String[]> own = options.crossedOrigin() ? List.of() : options.cookies();
            if (!fromJar.isEmpty() || !own.isEmpty()) {
                sent = request.withHeaders(request.headers().plus("Cookie", header(fromJar, own)));
            }
        }
        Response response = chain.proceed(sent);
        List<String> set = response.headers().all("Set-Cookie");
        if (!set.isEmpty()) {
            jar.saveFromResponse(request.httpUrl(), set);
        }
        return response;
    }

    /** The {@code Cookie} value: the jar's cookies in RFC 6265 order, a per-request cookie replacing one of the same name. */
    private static String header(List<Cookie> fromJar, List<String[]> own) {
        StringBuilder sb = new StringBuilder();
        for (Cookie c : fromJar) {
            boolean replaced = false;
            for (String[] o : own) {
                if (o[0].equals(c.name())) {
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                append(sb, c.name(), c.value());
            }
        }
        for (String[] o : own) {
            append(sb, o[0], o[1]);
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, String value) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(name).append('=').append(value);
    }
}
