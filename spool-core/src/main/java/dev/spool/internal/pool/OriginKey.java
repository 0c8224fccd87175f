package dev.spool.internal.pool;

import dev.spool.tls.TlsConfig;

/**
 * What makes two requests able to share a connection: scheme, host (lowercased), port (defaults
 * applied), TLS settings and proxy. TLS settings are part of the key so a connection made without
 * verification never serves a verified request (CVE-2024-35195).
 *
 * @param scheme {@code http} or {@code https}
 * @param host lowercased host
 * @param port port with the scheme's default applied
 * @param tls TLS settings (ignored for plain HTTP but kept in the key for simplicity)
 * @param proxy the proxy URL with its credentials ({@code http://user:pass@proxy:3128}, see
 *     {@code ProxyUrl.toKey()}), or null for a direct connection
 */
public record OriginKey(String scheme, String host, int port, TlsConfig tls, String proxy) {
    /** {@code scheme://host:port}, as pool stats and log lines name origins. */
    public String origin() {
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether connections of this key speak TLS to the origin. */
    public boolean isHttps() {
        return scheme.equals("https");
    }

    // equals and hashCode written out: a record's generated ones are bootstrapped through method
    // handles on first use, tens of milliseconds of the first request of a JVM (the spool command's).

    @Override
    public boolean equals(Object o) {
        return o instanceof OriginKey k && port == k.port && scheme.equals(k.scheme) && host.equals(k.host)
                && java.util.Objects.equals(tls, k.tls) && java.util.Objects.equals(proxy, k.proxy);
    }

    @Override
    public int hashCode() {
        int h = scheme.hashCode();
        h = 31 * h + host.hashCode();
        h = 31 * h + port;
        h = 31 * h + java.util.Objects.hashCode(tls);
        return 31 * h + java.util.Objects.hashCode(proxy);
    }

    /** The key without the proxy's password (the proxy part holds credentials so tunnels are never shared across them). */
    @Override
    public String toString() {
        return "OriginKey[" + origin() + ", " + tls + (proxy == null ? "" : ", via " + dev.spool.proxy.ProxyUrl.parse(proxy)) + "]";
    }
}
