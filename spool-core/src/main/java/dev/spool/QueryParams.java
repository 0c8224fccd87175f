package dev.spool;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges a session's default query parameters with a request's and appends them to the URL's own
 * query, as requests merges {@code Session.params} with {@code params=}: the URL's query is kept as
 * written, then the session's parameters, then the request's; a request parameter replaces every
 * session parameter of that name, and one with a null value only removes them.
 */
final class QueryParams {
    private QueryParams() {
    }

    /**
     * The name/value pairs to append, in order.
     *
     * @param session the session's defaults (values never null)
     * @param request the request's pairs; a null value removes the session's parameter of that name
     */
    static List<String[]> merge(List<String[]> session, List<String[]> request) {
        if (request.isEmpty()) {
            return session;
        }
        Set<String> replaced = new HashSet<>();
        for (String[] p : request) {
            replaced.add(p[0]);
        }
        List<String[]> out = new ArrayList<>(session.size() + request.size());
        for (String[] p : session) {
            if (!replaced.contains(p[0])) {
                out.add(p);
            }
        }
        for (String[] p : request) {
            if (p[1] != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The URL with the merged parameters appended to its query, form-encoded as UTF-8. */
    static Url apply(Url url, List<String[]> session, List<String[]> request) {
        for (String[] p : merge(session, request)) {
            url = url.withQueryParam(p[0], p[1]);
        }
        return url;
    }

    /**
     * A session's parameter list after {@code param(name, value)}: the value added (names may
     * repeat), or with a null value every parameter of that name removed.
     */
    static List<String[]> with(List<String[]> params, String name, String value) {
        if (name == null) {
            throw new InvalidRequestException("query parameter name is null");
        }
        List<String[]> out = new ArrayList<>(params.size() + 1);
        for (String[] p : params) {
            if (value != null || !p[0].equals(name)) {
                out.add(p);
            }
        }
        if (value != null) {
            out.add(new String[] {name, value});
        }
        return List.copyOf(out);
    }
}
