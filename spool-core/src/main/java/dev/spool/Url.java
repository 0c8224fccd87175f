package dev.spool;

import java.net.IDN;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An absolute {@code http} or {@code https} URL, parsed once in linear time and validated before
 * any I/O: scheme and host lowercased, default ports applied, non-ASCII in path and query
 * percent-encoded as UTF-8.
 */
public final class Url {
    private final String scheme;
    private final String userInfo;   // raw, still percent-encoded; null when absent
    private final String host;       // lowercased; IPv6 without brackets
    private final int port;          // with the scheme's default applied
    private final boolean explicitPort;
    private final String path;       // percent-encoded, starts with '/'
    private final String query;      // percent-encoded, without '?'; null when absent
    private final String fragment;   // without '#'; null when absent
    // Lazily built; a racy single check is fine: the inputs are immutable, so every thread builds the same.
    private String text;
    private String target;
    private String authority;

    private Url(String scheme, String userInfo, String host, int port, boolean explicitPort, String path,
                String query, String fragment) {
        this.scheme = scheme;
        this.userInfo = userInfo;
        this.host = host;
        this.port = port;
        this.explicitPort = explicitPort;
        this.path = path;
        this.query = query;
        this.fragment = fragment;
    }

    /**
     * Parses an absolute URL.
     *
     * @throws InvalidRequestException naming the URL and what is wrong with it
     */
    public static Url parse(String url) {
        if (url == null) {
            throw new InvalidRequestException("URL is null");
        }
        int n = url.length();
        for (int i = 0; i < n; i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                throw new InvalidRequestException("URL " + Tokens.quote(url) + " has a "
                        + (c == ' ' ? "space" : "control character " + Tokens.describe(c)) + " at index " + i);
            }
        }
        int colon = url.indexOf(':');
        if (colon <= 0) {
            throw new InvalidRequestException("URL " + Tokens.quote(url) + " has no scheme; did you mean http://" + url + "?");
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!url.startsWith("//", colon + 1)) {
            throw new InvalidRequestException("URL " + Tokens.quote(url) + " is not absolute (no // after the scheme)");
        }
        int defaultPort;
        if (scheme.equals("http")) {
            defaultPort = 80;
        } else if (scheme.equals("https")) {
            defaultPort = 443;
        } else {
            defaultPort = -1; // other schemes are parsed too, for transports mounted on them
        }
        int authStart = colon + 3;
        int authEnd = authStart;
        while (authEnd < n) {
            char c = url.charAt(authEnd);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            authEnd++;
        }
        // The userinfo ends at the LAST '@' of the authority, as RFC 3986 and the WHATWG parser
        // agree; the host is what follows it (CVE-2024-47081: http://a.example:@127.0.0.1/ is 127.0.0.1).
        int at = url.lastIndexOf('@', authEnd - 1);
        String userInfo = null;
        int hostStart = authStart;
        if (at >= authStart) {
            userInfo = url.substring(authStart, at);
            hostStart = at + 1;
        }
        String host;
        int portStart;
        if (hostStart < authEnd && url.charAt(hostStart) == '[') {
            int close = url.indexOf(']', hostStart);
            if (close < 0 || close >= authEnd) {
                throw new InvalidRequestException("URL " + Tokens.quote(url) + " has an unclosed IPv6 literal");
            }
            host = url.substring(hostStart + 1, close).toLowerCase(Locale.ROOT);
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    throw new InvalidRequestException("URL " + Tokens.quote(url) + " has a bad IPv6 literal");
                }
            }
            portStart = close + 1;
            if (portStart < authEnd && url.charAt(portStart) != ':') {
                throw new InvalidRequestException("URL " + Tokens.quote(url) + " has text after the IPv6 literal");
            }
        } else {
            int c = url.indexOf(':', hostStart);
            portStart = c < 0 || c >= authEnd ? authEnd : c;
            host = url.substring(hostStart, portStart);
            host = normalizeHost(host, url);
        }
        if (host.isEmpty()) {
            throw new InvalidRequestException("URL " + Tokens.quote(url) + " has no host");
        }
        int port = defaultPort;
        boolean explicitPort = false;
        if (portStart < authEnd) { // at ':'
            String p = url.substring(portStart + 1, authEnd);
            if (!p.isEmpty()) {
                if (p.length() > 5) {
                    throw new InvalidRequestException("URL " + Tokens.quote(url) + " has a bad port " + Tokens.quote(p));
                }
                int v = 0;
                for (int i = 0; i < p.length(); i++) {
                    char ch = p.charAt(i);
                    if (ch < '0' || ch > '9') {
                        throw new InvalidRequestException("URL " + Tokens.quote(url) + " has a bad port " + Tokens.quote(p));
                    }
                    v = v * 10 + (ch - '0');
                }
                if (v < 1 || v > 65535) {
                    throw new InvalidRequestException("URL " + Tokens.quote(url) + " has port " + v + " out of range 1-65535");
                }
                port = v;
                explicitPort = true;
            }
        }
        if (port < 0) {
            throw new InvalidRequestException("URL " + Tokens.quote(url) + " has scheme " + scheme
                    + " with no default port; give one");
        }
        int hash = url.indexOf('#', authEnd);
        int end = hash < 0 ? n : hash;
        int q = url.indexOf('?', authEnd);
        if (q >= end) {
            q = -1;
        }
        String path = url.substring(authEnd, q < 0 ? end : q);
        String query = q < 0 ? null : url.substring(q + 1, end);
        String fragment = hash < 0 ? null : url.substring(hash + 1);
        path = path.isEmpty() ? "/" : encodeLoose(path, false);
        if (query != null) {
            query = encodeLoose(query, true);
        }
        return new Url(scheme, userInfo, host, port, explicitPort, path, query, fragment);
    }

    private static String normalizeHost(String host, String url) {
        boolean ascii = true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 0x80) {
                ascii = false;
            } else if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
                throw new InvalidRequestException("URL " + Tokens.quote(url) + " has a character "
                        + Tokens.quote(String.valueOf(c)) + " not allowed in a host name");
            }
        }
        if (!ascii) {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("URL " + Tokens.quote(url) + " has a host that is not a valid IDN", e);
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /**
     * Percent-encodes characters that may not stand raw in a path or query (non-ASCII, quotes,
     * angle brackets...) and leaves existing escapes and reserved characters alone, as requests does.
     */
    private static String encodeLoose(String s, boolean query) {
        int i = 0;
        int n = s.length();
        while (i < n && isLooseOk(s.charAt(i), query)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (isLooseOk(c, query)) {
                sb.append(c);
            } else {
                int cp = s.codePointAt(i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                for (byte b : bytes) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
        return sb.toString();
    }

    private static boolean isLooseOk(char c, boolean query) {
        if (c >= 0x80 || c <= 0x20) {
            return false;
        }
        switch (c) {
            case '"':
            case '<':
            case '>':
            case '\\':
            case '^':
            case '`':
            case '{':
            case '|':
            case '}':
                return false;
            default:
                return true;
        }
    }

    /** {@code http} or {@code https} (or the scheme of a custom transport), lowercased. */
    public String scheme() {
        return scheme;
    }

    /** The host, lowercased; an IPv6 literal without brackets. */
    public String host() {
        return host;
    }

    /** The port, with the scheme's default applied. */
    public int port() {
        return port;
    }

    /** The path, percent-encoded, starting with {@code /}. */
    public String path() {
        return path;
    }

    /** The query without {@code ?}, percent-encoded, or null. */
    public String query() {
        return query;
    }

    /** The fragment without {@code #}, or null; never sent to servers. */
    public String fragment() {
        return fragment;
    }

    /** The raw {@code user:password} part, or null. */
    public String userInfo() {
        return userInfo;
    }

    /** The request target in origin form: path plus {@code ?query}. */
    public String target() {
        String t = target;
        if (t == null) {
            t = query == null ? path : path + "?" + query;
            target = t;
        }
        return t;
    }

    /** The host as written in a {@code Host} header or an authority: brackets for IPv6, port when not default. */
    public String authority() {
        String a = authority;
        if (a == null) {
            String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            a = isDefaultPort() ? h : h + ":" + port;
            authority = a;
        }
        return a;
    }

    /** {@code scheme://host:port} with the port always written, as the pool and its log lines name origins. */
    public String origin() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port;
    }

    /** Whether the port is the scheme's default one. */
    public boolean isDefaultPort() {
        return (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    }

    /** Whether the scheme is {@code https}. */
    public boolean isHttps() {
        return scheme.equals("https");
    }

    /** This URL with the user info and fragment removed. */
    public Url withoutUserInfo() {
        return userInfo == null ? this : new Url(scheme, null, host, port, explicitPort, path, query, fragment);
    }

    /** This URL without its fragment. */
    public Url withoutFragment() {
        return fragment == null ? this : new Url(scheme, userInfo, host, port, explicitPort, path, query, null);
    }

    /** This URL with {@code name=value} appended to its query, both form-encoded as UTF-8. */
    public Url withQueryParam(String name, String value) {
        String pair = URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (value == null ? "" : "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        String q = query == null || query.isEmpty() ? pair : query + "&" + pair;
        return new Url(scheme, userInfo, host, port, explicitPort, path, q, fragment);
    }

    /**
     * Resolves a reference (a redirect's {@code Location}) against this URL per RFC 3986 section 5.2;
     * a reference without a fragment inherits this URL's (RFC 9110 section 10.2.2).
     */
    public Url resolve(String reference) {
        String ref = reference.trim();
        // Split the reference into its parts (RFC 3986 appendix B, by hand: linear, no regex).
        int hash = ref.indexOf('#');
        String refFragment = hash < 0 ? null : ref.substring(hash + 1);
        String rest = hash < 0 ? ref : ref.substring(0, hash);
        int q = rest.indexOf('?');
        String refQuery = q < 0 ? null : rest.substring(q + 1);
        String hier = q < 0 ? rest : rest.substring(0, q);
        int colon = hier.indexOf(':');
        int slash = hier.indexOf('/');
        boolean hasScheme = colon > 0 && (slash < 0 || colon < slash) && isScheme(hier.substring(0, colon));
        Url out;
        if (hasScheme || hier.startsWith("//")) {
            String abs = hasScheme ? ref : scheme + ":" + ref;
            out = parse(abs);
            out = new Url(out.scheme, out.userInfo, out.host, out.port, out.explicitPort,
                    removeDotSegments(out.path), out.query, out.fragment);
        } else {
            String path;
            String query;
            if (hier.isEmpty()) {
                path = this.path;
                query = refQuery != null ? refQuery : this.query;
            } else {
                path = hier.startsWith("/") ? hier : this.path.substring(0, this.path.lastIndexOf('/') + 1) + hier;
                path = removeDotSegments(encodeLoose(path, false));
                query = refQuery;
            }
            out = new Url(scheme, null, host, port, explicitPort, path,
                    query == null ? null : encodeLoose(query, true), refFragment);
        }
        if (out.fragment == null && fragment != null) {
            out = new Url(out.scheme, out.userInfo, out.host, out.port, out.explicitPort, out.path, out.query, fragment);
        }
        return out;
    }

    private static boolean isScheme(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 section 5.2.4: removes "." and ".." segments. */
    static String removeDotSegments(String path) {
        if (path.indexOf('.') < 0) {
            return path.isEmpty() ? "/" : path;
        }
        String[] segs = path.split("/", -1);
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (int i = 0; i < segs.length; i++) {
            String seg = segs[i];
            boolean last = i == segs.length - 1;
            if (seg.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (seg.equals("..")) {
                if (out.size() > 1) {
                    out.removeLast();
                }
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(seg);
            }
        }
        String joined = String.join("/", out);
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    /** The URL as text, user info included (see {@link #withoutUserInfo()}). */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            StringBuilder sb = new StringBuilder(scheme).append("://");
            if (userInfo != null) {
                sb.append(userInfo).append('@');
            }
            sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
            if (explicitPort) {
                sb.append(':').append(port);
            }
            sb.append(path);
            if (query != null) {
                sb.append('?').append(query);
            }
            if (fragment != null) {
                sb.append('#').append(fragment);
            }
            t = sb.toString();
            text = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Url && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
