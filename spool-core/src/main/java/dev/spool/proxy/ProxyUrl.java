package dev.spool.proxy;

import dev.spool.InvalidRequestException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A parsed proxy URL such as {@code http://user:secret@proxy.example:3128}: the scheme says how to talk
 * to the proxy, user name and password (percent-decoded) authenticate to it. {@link #toString()} never
 * shows the password.
 *
 * <p>Schemes: {@code http} (requests to {@code http://} URLs are forwarded, {@code https://} ones go
 * through a CONNECT tunnel), {@code socks5} (the client resolves the destination) and {@code socks5h}
 * (the proxy resolves it). A URL without a scheme is {@code http}, as in requests. Default ports:
 * 80 for {@code http} (urllib3's), 1080 for SOCKS (RFC 1928 section 3).
 *
 * @param scheme {@code http}, {@code socks5} or {@code socks5h}
 * @param host the proxy's host, lowercased; an IPv6 literal without brackets
 * @param port the proxy's port
 * @param username the user name, or null
 * @param password the password, or null (empty when a user name is given without one)
 */
public record ProxyUrl(String scheme, String host, int port, String username, String password) {
    /** The SOCKS port of RFC 1928 section 3. */
    public static final int SOCKS_PORT = 1080;
    /** urllib3's default port for an {@code http://} proxy without one. */
    public static final int HTTP_PORT = 80;

    /** Checks the parts. */
    public ProxyUrl {
        if (!scheme.equals("http") && !scheme.equals("socks5") && !scheme.equals("socks5h")) {
            throw new InvalidRequestException("proxy scheme '" + scheme + "' is not supported (use http, socks5 or socks5h)");
        }
        if (host == null || host.isEmpty()) {
            throw new InvalidRequestException("proxy URL has no host");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidRequestException("proxy port " + port + " is out of range 1-65535");
        }
        if (username == null && password != null) {
            throw new InvalidRequestException("proxy password without a user name");
        }
        if (username != null && password == null) {
            password = "";
        }
    }

    /**
     * Parses a proxy URL: {@code [scheme://][user[:password]@]host[:port][/]}.
     *
     * @throws InvalidRequestException naming the URL (password hidden) and what is wrong with it
     */
    public static ProxyUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("proxy URL is empty");
        }
        String s = url.trim();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new InvalidRequestException("proxy URL " + redact(s) + " has a space, control or non-ASCII character at index " + i);
            }
        }
        int sep = s.indexOf("://");
        String scheme = sep < 0 ? "http" : s.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = sep < 0 ? s : s.substring(sep + 3);
        if (scheme.equals("https")) {
            throw new InvalidRequestException("proxy URL " + redact(s) + ": TLS to the proxy (an https:// proxy) is not"
                    + " supported; an http:// proxy still carries https:// requests end to end encrypted through CONNECT");
        }
        if (scheme.equals("socks4") || scheme.equals("socks4a") || scheme.equals("socks")) {
            throw new InvalidRequestException("proxy URL " + redact(s) + ": " + scheme + " is not supported; use socks5 or socks5h");
        }
        if (!scheme.equals("http") && !scheme.equals("socks5") && !scheme.equals("socks5h")) {
            throw new InvalidRequestException("proxy URL " + redact(s) + " has scheme '" + scheme
                    + "'; use http, socks5 or socks5h");
        }
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String tail = rest.substring(end);
        if (!tail.isEmpty() && !tail.equals("/")) {
            throw new InvalidRequestException("proxy URL " + redact(s) + " has a path, query or fragment; a proxy URL is scheme://host:port");
        }
        String authority = rest.substring(0, end);
        String user = null;
        String pass = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon), s);
            pass = colon < 0 ? "" : decode(info.substring(colon + 1), s);
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new InvalidRequestException("proxy URL " + redact(s) + " has an unclosed IPv6 literal");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidRequestException("proxy URL " + redact(s) + " has text after the IPv6 literal");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new InvalidRequestException("proxy URL " + redact(s) + " has an IPv6 address without brackets");
            }
        }
        if (host.isEmpty()) {
            throw new InvalidRequestException("proxy URL " + redact(s) + " has no host");
        }
        int port = scheme.startsWith("socks") ? SOCKS_PORT : HTTP_PORT;
        if (portText != null && !portText.isEmpty()) {
            if (portText.length() > 5 || !portText.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new InvalidRequestException("proxy URL " + redact(s) + " has a bad port '" + portText + "'");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw new InvalidRequestException("proxy URL " + redact(s) + " has port " + port + " out of range 1-65535");
            }
        }
        return new ProxyUrl(scheme, host.toLowerCase(Locale.ROOT), port, user, pass);
    }

    private static String decode(String part, String url) {
        try {
            // URLDecoder would turn '+' into a space, which is not what a URL's user info means.
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("proxy URL " + redact(url) + " has a bad percent-escape in its user info", e);
        }
    }

    /** The URL with the password replaced by {@code ***}, for messages. */
    static String redact(String url) {
        int sep = url.indexOf("://");
        int start = sep < 0 ? 0 : sep + 3;
        int slash = url.indexOf('/', start);
        int at = url.lastIndexOf('@', slash < 0 ? url.length() - 1 : slash - 1);
        if (at < start) {
            return url;
        }
        int colon = url.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    /** Whether this is a SOCKS proxy. */
    public boolean isSocks() {
        return !scheme.equals("http");
    }

    /** Whether the proxy resolves the destination's name ({@code socks5h}); for {@code http} proxies it always does. */
    public boolean resolvesRemotely() {
        return !scheme.equals("socks5");
    }

    /** {@code host:port}, brackets around an IPv6 literal. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code scheme://host:port}, without credentials: how messages and logs name the proxy. */
    public String origin() {
        return scheme + "://" + authority();
    }

    /** The {@code Proxy-Authorization} value for these credentials (RFC 7617 Basic, UTF-8), or null without any. */
    public String basicAuthorization() {
        if (username == null) {
            return null;
        }
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The full URL with credentials, percent-encoded so that {@link #parse} reads it back: what a pool
     * key holds, so that tunnels made with other credentials are never shared.
     */
    public String toKey() {
        if (username == null) {
            return origin();
        }
        return scheme + "://" + encode(username) + ":" + encode(password) + "@" + authority();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code scheme://user:***@host:port}: the password never shows. */
    @Override
    public String toString() {
        return username == null ? origin() : scheme + "://" + encode(username) + ":***@" + authority();
    }
}
