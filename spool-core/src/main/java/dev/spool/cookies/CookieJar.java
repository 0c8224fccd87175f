package dev.spool.cookies;

import dev.spool.Url;
import java.util.List;

/**
 * Where a session keeps cookies: it is given each response's {@code Set-Cookie} values and asked for
 * the cookies of each request's URL, on every redirect hop. Implementations must be thread-safe;
 * {@link MemoryCookieJar} is the default (RFC 6265, in memory). Plug your own in with
 * {@code Session.builder().cookieJar(jar)}; {@link Cookie#parse} does the RFC 6265 parsing and
 * checks for you.
 */
public interface CookieJar {
    /**
     * Takes the cookies a response sets.
     *
     * @param url the URL of the request that the response answered
     * @param setCookieHeaders the response's {@code Set-Cookie} values, in order (never empty)
     */
    void saveFromResponse(Url url, List<String> setCookieHeaders);

    /** The cookies to send to this URL, in the order of the {@code Cookie} header (RFC 6265 section 5.4). */
    List<Cookie> loadForRequest(Url url);

    /** Adds a cookie (or replaces the one of the same name, domain and path), as if a server had set it. */
    void add(Cookie cookie);

    /** Every cookie the jar holds that has not expired. */
    List<Cookie> all();

    /** Removes every cookie. */
    void clear();

    /** The value of the first unexpired cookie of that name, whatever its domain, or null (requests' {@code cookies.get}). */
    default String get(String name) {
        for (Cookie c : all()) {
            if (c.name().equals(name)) {
                return c.value();
            }
        }
        return null;
    }
}
