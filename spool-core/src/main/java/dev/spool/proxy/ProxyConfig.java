package dev.spool.proxy;

import dev.spool.InvalidRequestException;
import dev.spool.Url;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which proxy, if any, each request goes through: proxies given explicitly by URL scheme, as requests'
 * {@code proxies} dict, then those of the environment ({@code HTTP_PROXY}, {@code HTTPS_PROXY},
 * {@code ALL_PROXY} minus {@code NO_PROXY}) when the session trusts it. Immutable and thread-safe;
 * {@link #select(Url)} is a pure function of the URL.
 *
 * <p>Keys of an explicit map, tried in requests' order for a URL {@code scheme://host}:
 * {@code scheme://host}, {@code scheme}, {@code all://host}, {@code all}. A value is a proxy URL, or
 * the empty string for "no proxy" (the request goes direct and the environment is not consulted). The
 * key {@code no_proxy} holds a {@code NO_PROXY}-style list that bypasses explicit and environment
 * proxies alike (in requests it gates the environment only; a list given next to explicit proxies is
 * meant for them too). The environment's {@code NO_PROXY} bypasses the environment's proxies only.
 *
 * <p>Environment variables are read as urllib reads them: the lowercase name wins over the uppercase
 * one (an empty lowercase value unsets the uppercase one), and uppercase {@code HTTP_PROXY} is ignored
 * when {@code REQUEST_METHOD} is set, since a CGI script's {@code HTTP_PROXY} comes from a request
 * header ("httpoxy", CVE-2016-5385).
 */
public final class ProxyConfig {
    /** No proxy at all, and the environment not consulted. */
    public static final ProxyConfig NONE = new ProxyConfig(Map.of(), null, Map.of(), null);

    private static final String NO_PROXY_KEY = "no_proxy";

    /** Explicit proxies by key; a null value means "direct" (an unmodifiable HashMap, which allows nulls). */
    private final Map<String, ProxyUrl> explicit;
    private final NoProxy explicitNoProxy;
    /** Environment proxies by scheme ({@code http}, {@code https}, {@code all}). */
    private final Map<String, ProxyUrl> environment;
    private final NoProxy environmentNoProxy;
    /** Whether any explicit key names a host, so selection must build {@code scheme://host} keys. */
    private final boolean hostKeys;

    private ProxyConfig(Map<String, ProxyUrl> explicit, NoProxy explicitNoProxy, Map<String, ProxyUrl> environment,
                        NoProxy environmentNoProxy) {
        this.explicit = explicit;
        this.explicitNoProxy = explicitNoProxy;
        this.environment = environment;
        this.environmentNoProxy = environmentNoProxy;
        boolean hk = false;
        for (String k : explicit.keySet()) {
            hk |= k.contains("://");
        }
        this.hostKeys = hk;
    }

    /**
     * Explicit proxies, keyed as requests keys them ({@code http}, {@code https}, {@code all},
     * {@code scheme://host}, and {@code no_proxy}).
     *
     * @throws InvalidRequestException for an unknown key or a malformed proxy URL, naming it
     */
    public static ProxyConfig of(Map<String, String> proxies) {
        return NONE.with(proxies);
    }

    /** Every request through one proxy, whatever its scheme. */
    public static ProxyConfig all(String proxyUrl) {
        return of(Map.of("all", Objects.requireNonNull(proxyUrl, "proxyUrl")));
    }

    /**
     * This configuration with more explicit proxies laid over it: a key given here replaces the same
     * key of this one (a request's proxies over its session's, as requests merges them).
     */
    public ProxyConfig with(Map<String, String> proxies) {
        Objects.requireNonNull(proxies, "proxies");
        if (proxies.isEmpty()) {
            return this;
        }
        Map<String, ProxyUrl> map = new HashMap<>(explicit);
        NoProxy noProxy = explicitNoProxy;
        for (Map.Entry<String, String> e : proxies.entrySet()) {
            String key = checkKey(e.getKey());
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (key.equals(NO_PROXY_KEY)) {
                noProxy = value.isEmpty() ? null : NoProxy.parse(value, "no_proxy");
            } else {
                map.put(key, value.isEmpty() ? null : parse(value, "proxies key '" + key + "'"));
            }
        }
        return new ProxyConfig(Collections.unmodifiableMap(map), noProxy, environment, environmentNoProxy);
    }

    /**
     * This configuration, also using the proxies of an environment (a process's variables: pass
     * {@code System.getenv()}, or a map of your own in tests). Replaces environment settings read before.
     *
     * @throws InvalidRequestException when a variable holds a malformed proxy URL or NO_PROXY entry, naming the variable
     */
    public ProxyConfig withEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Map<String, ProxyUrl> found = new HashMap<>();
        for (String scheme : new String[] {"http", "https", "all"}) {
            String name = scheme + "_proxy";
            String value = variable(env, name, scheme.equals("http") && env.containsKey("REQUEST_METHOD"));
            if (value != null) {
                found.put(scheme, parse(value, "environment variable " + variableName(env, name)));
            }
        }
        String noProxy = variable(env, NO_PROXY_KEY, false);
        NoProxy np = noProxy == null ? null : NoProxy.parse(noProxy, "environment variable " + variableName(env, NO_PROXY_KEY));
        return new ProxyConfig(explicit, explicitNoProxy, Map.copyOf(found), np);
    }

    /**
     * The proxy for a request to {@code url}, or null when it goes direct.
     */
    public ProxyUrl select(Url url) {
        if (explicit.isEmpty() && environment.isEmpty()) {
            return null;
        }
        String host = url.host();
        if (explicitNoProxy != null && explicitNoProxy.matches(host, url.port())) {
            return null;
        }
        if (!explicit.isEmpty()) {
            String scheme = url.scheme();
            if (hostKeys) {
                String k = scheme + "://" + host;
                if (explicit.containsKey(k)) {
                    return explicit.get(k);
                }
            }
            if (explicit.containsKey(scheme)) {
                return explicit.get(scheme);
            }
            if (hostKeys) {
                String k = "all://" + host;
                if (explicit.containsKey(k)) {
                    return explicit.get(k);
                }
            }
            if (explicit.containsKey("all")) {
                return explicit.get("all");
            }
        }
        if (environment.isEmpty() || (environmentNoProxy != null && environmentNoProxy.matches(host, url.port()))) {
            return null;
        }
        ProxyUrl p = environment.get(url.scheme());
        return p != null ? p : environment.get("all");
    }

    /** Whether no proxy is configured, explicitly or by the environment. */
    public boolean isEmpty() {
        return explicit.isEmpty() && environment.isEmpty();
    }

    private static String checkKey(String key) {
        if (key == null) {
            throw new InvalidRequestException("proxies key is null");
        }
        String k = key.trim().toLowerCase(Locale.ROOT);
        if (k.equals("http") || k.equals("https") || k.equals("all") || k.equals(NO_PROXY_KEY)) {
            return k;
        }
        int sep = k.indexOf("://");
        if (sep > 0 && sep + 3 < k.length()) {
            String scheme = k.substring(0, sep);
            if (scheme.equals("http") || scheme.equals("https") || scheme.equals("all")) {
                String host = k.substring(sep + 3);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                return scheme + "://" + host;
            }
        }
        throw new InvalidRequestException("proxies key '" + key + "' is not http, https, all, SCHEME://HOST or no_proxy");
    }

    private static ProxyUrl parse(String value, String where) {
        try {
            return ProxyUrl.parse(value);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(where + ": " + e.getMessage(), e);
        }
    }

    /** The value of a variable, lowercase name first; null when unset or empty. */
    private static String variable(Map<String, String> env, String lower, boolean ignoreUpper) {
        if (env.containsKey(lower)) {
            String v = env.get(lower);
            return v == null || v.isBlank() ? null : v.trim();
        }
        if (ignoreUpper) {
            return null;
        }
        String v = env.get(lower.toUpperCase(Locale.ROOT));
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String variableName(Map<String, String> env, String lower) {
        return env.containsKey(lower) ? lower : lower.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ProxyConfig[explicit=" + explicit + ", environment=" + environment + "]";
    }
}
