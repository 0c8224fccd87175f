package dev.spool.cookies;

import dev.spool.Tokens;
import dev.spool.Url;
import dev.spool.internal.HttpDates;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP cookie as RFC 6265 stores it: name, value, the domain and path it is sent to, when it
 * expires, and its flags. Immutable; {@link #parse} reads a {@code Set-Cookie} leniently, the way
 * browsers do (RFC 6265 section 5.2), and applies the storage checks of section 5.3.
 */
public final class Cookie {
    /** Latest expiry kept: RFC 6265 section 5.2.1 lets a user agent cap dates; year 9999 fits every clock. */
    static final Instant MAX_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
    /** Name plus value longer than this is ignored (RFC 6265bis section 5.6, a browser limit). */
    static final int MAX_NAME_VALUE_LENGTH = 4096;

    private final String name;
    private final String value;
    private final String domain;
    private final String path;
    private final Instant expiresAt;
    private final boolean secure;
    private final boolean httpOnly;
    private final boolean hostOnly;
    private final String sameSite;

    private Cookie(Builder b) {
        this.name = b.name;
        this.value = b.value;
        this.domain = b.domain;
        this.path = b.path;
        this.expiresAt = b.expiresAt;
        this.secure = b.secure;
        this.httpOnly = b.httpOnly;
        this.hostOnly = b.hostOnly;
        this.sameSite = b.sameSite;
    }

    /**
     * Parses one {@code Set-Cookie} value received for {@code url}, by RFC 6265 sections 5.2 and 5.3:
     * lenient about syntax, strict about where the cookie may go.
     *
     * @param now the time it was received, for {@code Max-Age}
     * @return the cookie, or null when the RFC says to ignore it: no {@code =} or an empty name, a
     *     {@code Domain} that does not cover the host or is a public suffix, a domain on an IP-address
     *     host, or a {@code __Secure-} / {@code __Host-} prefix whose rules are broken
     */
    public static Cookie parse(Url url, String setCookie, Instant now) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(now, "now");
        if (setCookie == null) {
            return null;
        }
        int semi = setCookie.indexOf(';');
        String pair = semi < 0 ? setCookie : setCookie.substring(0, semi);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return null; // RFC 6265 section 5.2 step 2
        }
        String name = trim(pair.substring(0, eq));
        String value = trim(pair.substring(eq + 1));
        if (name.isEmpty() || name.length() + value.length() > MAX_NAME_VALUE_LENGTH) {
            return null;
        }
        Instant maxAgeExpiry = null;
        Instant expires = null;
        String domainAttr = null;
        String pathAttr = null;
        boolean secure = false;
        boolean httpOnly = false;
        String sameSite = null;
        int pos = semi;
        while (pos >= 0 && pos < setCookie.length()) {
            int next = setCookie.indexOf(';', pos + 1);
            String av = setCookie.substring(pos + 1, next < 0 ? setCookie.length() : next);
            pos = next;
            int aeq = av.indexOf('=');
            String an = trim(aeq < 0 ? av : av.substring(0, aeq)).toLowerCase(Locale.ROOT);
            String aval = aeq < 0 ? "" : trim(av.substring(aeq + 1));
            switch (an) {
                case "expires": {
                    Instant t = HttpDates.parse(aval);
                    if (t != null) {
                        expires = t.isAfter(MAX_EXPIRY) ? MAX_EXPIRY : t;
                    }
                    break;
                }
                case "max-age": {
                    Instant t = maxAge(aval, now);
                    if (t != null) {
                        maxAgeExpiry = t;
                    }
                    break;
                }
                case "domain":
                    if (!aval.isEmpty()) { // an empty Domain is ignored (RFC 6265bis section 5.6.3)
                        String d = aval.startsWith(".") ? aval.substring(1) : aval;
                        domainAttr = d.toLowerCase(Locale.ROOT);
                    }
                    break;
                case "path":
                    pathAttr = aval.isEmpty() || aval.charAt(0) != '/' ? null : aval;
                    break;
                case "secure":
                    secure = true;
                    break;
                case "httponly":
                    httpOnly = true;
                    break;
                case "samesite":
                    sameSite = aval;
                    break;
                default:
                    break; // unknown attributes are ignored
            }
        }
        // Section 5.3 step 3: Max-Age wins over Expires, whatever their order.
        Instant expiresAt = maxAgeExpiry != null ? maxAgeExpiry : expires;
        String host = url.host();
        String domain = domainAttr == null ? "" : domainAttr;
        boolean hostOnly;
        if (!domain.isEmpty() && isIpAddress(host)) {
            // An IP address has no parent domain: its cookies are host-only.
            if (!domain.equals(host)) {
                return null;
            }
            domain = "";
        }
        if (!domain.isEmpty() && PublicSuffixes.isPublicSuffix(domain)) {
            // Section 5.3 step 5: a public suffix is allowed only as the very host, and then host-only.
            if (!domain.equals(host)) {
                return null;
            }
            domain = "";
        }
        if (!domain.isEmpty()) {
            if (!domainMatches(host, domain)) {
                return null;
            }
            hostOnly = false;
        } else {
            hostOnly = true;
            domain = host;
        }
        String path = pathAttr != null ? pathAttr : defaultPath(url.path());
        // Cookie name prefixes (RFC 6265bis section 4.1.3), matched case-insensitively.
        if (name.regionMatches(true, 0, "__Secure-", 0, 9) && !(secure && url.isHttps())) {
            return null;
        }
        if (name.regionMatches(true, 0, "__Host-", 0, 7) && !(secure && url.isHttps() && hostOnly && path.equals("/"))) {
            return null;
        }
        Builder b = new Builder(name, value);
        b.domain = domain;
        b.hostOnly = hostOnly;
        b.path = path;
        b.expiresAt = expiresAt;
        b.secure = secure;
        b.httpOnly = httpOnly;
        b.sameSite = sameSite;
        return new Cookie(b);
    }

    /** {@code Max-Age}: a leading digit or '-', then digits only (RFC 6265 section 5.2.2); null when invalid. */
    private static Instant maxAge(String v, Instant now) {
        if (v.isEmpty()) {
            return null;
        }
        char first = v.charAt(0);
        if (!(first == '-' || (first >= '0' && first <= '9'))) {
            return null;
        }
        for (int i = 1; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return null;
            }
        }
        if (first == '-' || v.length() == 1 && first == '0') {
            return Instant.EPOCH; // zero or negative: "the earliest representable date", expired now
        }
        if (v.length() > 12) {
            return MAX_EXPIRY; // more seconds than years fit in
        }
        long seconds = Long.parseLong(v);
        if (seconds <= 0) {
            return Instant.EPOCH;
        }
        Instant t = now.plusSeconds(seconds);
        return t.isAfter(MAX_EXPIRY) ? MAX_EXPIRY : t;
    }

    /** Trims spaces and tabs (RFC 6265's WSP), nothing else. */
    private static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return s.substring(a, b);
    }

    /**
     * Domain matching (RFC 6265 section 5.1.3): the host is the domain, or ends with {@code .domain}
     * and is a host name, not an IP address.
     */
    public static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.length() > domain.length()
                && host.charAt(host.length() - domain.length() - 1) == '.' && !isIpAddress(host);
    }

    /**
     * Path matching (RFC 6265 section 5.1.4): the paths are equal, or the cookie's path is a prefix of
     * the request's that ends with '/' or is followed by '/' in it.
     */
    public static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        if (!requestPath.startsWith(cookiePath)) {
            return false;
        }
        return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/';
    }

    /** The default path of a cookie set by a request to this path (RFC 6265 section 5.1.4). */
    public static String defaultPath(String requestPath) {
        if (requestPath == null || requestPath.isEmpty() || requestPath.charAt(0) != '/') {
            return "/";
        }
        int last = requestPath.lastIndexOf('/');
        return last == 0 ? "/" : requestPath.substring(0, last);
    }

    /** Whether the host is an IPv4 or IPv6 literal (as {@link Url#host()} gives it, without brackets). */
    static boolean isIpAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    /** A builder for a cookie made by hand (to put into a jar yourself). */
    public static Builder builder(String name, String value) {
        return new Builder(name, value);
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The value, as the server sent it (quotes included, if any). */
    public String value() {
        return value;
    }

    /** The domain: the host that set it for a host-only cookie, else the {@code Domain} it covers. */
    public String domain() {
        return domain;
    }

    /** The path it is sent under. */
    public String path() {
        return path;
    }

    /** When it expires, or null for a session cookie (kept until the jar is cleared). */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Whether it has an expiry time ({@code Expires} or {@code Max-Age}). */
    public boolean persistent() {
        return expiresAt != null;
    }

    /** Whether it is sent over HTTPS only. */
    public boolean secure() {
        return secure;
    }

    /** Whether it was marked {@code HttpOnly} (kept, and sent like any other cookie: this is not a browser). */
    public boolean httpOnly() {
        return httpOnly;
    }

    /** Whether it goes only to the exact host that set it (no {@code Domain} attribute). */
    public boolean hostOnly() {
        return hostOnly;
    }

    /** The {@code SameSite} value as sent, or null. */
    public String sameSite() {
        return sameSite;
    }

    /** Whether it has expired at this time. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Whether it is to be sent to this URL: domain, path and {@code Secure} (RFC 6265 section 5.4); expiry is not checked. */
    public boolean matches(Url url) {
        String host = url.host();
        boolean domainOk = hostOnly ? host.equals(domain) : domainMatches(host, domain);
        return domainOk && pathMatches(url.path(), path) && (!secure || url.isHttps());
    }

    /** Whether the two cookies are the same slot in a jar: same name, domain and path (RFC 6265 section 5.3 step 11). */
    public boolean sameIdentity(Cookie other) {
        return name.equals(other.name) && domain.equals(other.domain) && path.equals(other.path);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Cookie)) {
            return false;
        }
        Cookie c = (Cookie) o;
        return name.equals(c.name) && value.equals(c.value) && domain.equals(c.domain) && path.equals(c.path)
                && Objects.equals(expiresAt, c.expiresAt) && secure == c.secure && httpOnly == c.httpOnly
                && hostOnly == c.hostOnly && Objects.equals(sameSite, c.sameSite);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, domain, path, expiresAt, secure, httpOnly, hostOnly, sameSite);
    }

    /** The cookie in {@code Set-Cookie} syntax, e.g. {@code a=1; Domain=example.org; Path=/; Secure}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('=').append(value);
        if (!hostOnly) {
            sb.append("; Domain=").append(domain);
        }
        sb.append("; Path=").append(path);
        if (expiresAt != null) {
            sb.append("; Expires=").append(expiresAt);
        }
        if (secure) {
            sb.append("; Secure");
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (sameSite != null) {
            sb.append("; SameSite=").append(sameSite);
        }
        if (hostOnly) {
            sb.append(" (host-only: ").append(domain).append(')');
        }
        return sb.toString();
    }

    /** Builds a cookie by hand; the domain is required. */
    public static final class Builder {
        private final String name;
        private final String value;
        private String domain;
        private String path = "/";
        private Instant expiresAt;
        private boolean secure;
        private boolean httpOnly;
        private boolean hostOnly;
        private String sameSite;

        private Builder(String name, String value) {
            checkName(name);
            checkValue(name, value);
            this.name = name;
            this.value = value;
        }

        /** Sends the cookie to this domain and its subdomains (a leading dot is ignored). */
        public Builder domain(String domain) {
            this.domain = normalizeDomain(domain);
            this.hostOnly = false;
            return this;
        }

        /** Sends the cookie to exactly this host and no subdomain. */
        public Builder hostOnly(String host) {
            this.domain = normalizeDomain(host);
            this.hostOnly = true;
            return this;
        }

        /** The path it is sent under (default {@code /}). */
        public Builder path(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("cookie path " + path + " must start with '/'");
            }
            this.path = path;
            return this;
        }

        /** When it expires (null for a session cookie, the default). */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Whether it is sent over HTTPS only (default false). */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** Whether it is marked {@code HttpOnly} (default false). */
        public Builder httpOnly(boolean httpOnly) {
            this.httpOnly = httpOnly;
            return this;
        }

        /** The {@code SameSite} value (default none). */
        public Builder sameSite(String sameSite) {
            this.sameSite = sameSite;
            return this;
        }

        /** Builds the cookie. */
        public Cookie build() {
            if (domain == null) {
                throw new IllegalStateException("cookie " + name + " has no domain; call domain(...) or hostOnly(...)");
            }
            return new Cookie(this);
        }

        private static String normalizeDomain(String d) {
            if (d == null || d.isEmpty() || d.equals(".")) {
                throw new IllegalArgumentException("cookie domain is empty");
            }
            String out = d.startsWith(".") ? d.substring(1) : d;
            return out.toLowerCase(Locale.ROOT);
        }
    }

    /** Checks a cookie name: a non-empty token (RFC 6265 section 4.1.1). */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("cookie name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Tokens.isTchar(name.charAt(i))) {
                throw new IllegalArgumentException("cookie name " + quote(name) + " has a character not allowed in a token at index " + i);
            }
        }
    }

    /** Checks a cookie value: no control character, space, double quote inside, comma, semicolon or backslash. */
    static void checkValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("cookie " + name + " has a null value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c >= 0x7f || c == ';' || c == ',' || c == '\\'
                    || (c == '"' && !(value.length() >= 2 && (i == 0 || i == value.length() - 1)
                        && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"'))) {
                throw new IllegalArgumentException("cookie " + name + " value has a character not allowed in a cookie"
                        + " (RFC 6265 section 4.1.1) at index " + i + "; percent-encode it");
            }
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
