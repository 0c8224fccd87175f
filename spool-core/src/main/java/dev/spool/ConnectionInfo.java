package dev.spool;

import java.net.InetSocketAddress;

/**
 * Which pooled connection served a response: its number in its origin's pool, whether it was
 * reused, its addresses, and its TLS facts when it is HTTPS.
 *
 * @param origin {@code scheme://host:port} of the pool the connection belongs to
 * @param number the connection's number in its origin pool, 1 for the first one opened
 * @param reused whether the connection had served an earlier request
 * @param local the local socket address
 * @param remote the remote socket address
 * @param protocol the ALPN identifier of the protocol spoken: {@code http/1.1} or {@code h2}
 * @param tlsVersion e.g. {@code TLSv1.3}, or null for plain HTTP
 * @param cipherSuite the negotiated cipher suite, or null for plain HTTP
 * @param tlsResumed whether the TLS session was resumed rather than fully negotiated
 * @param proxy the proxy the connection goes through ({@code http://host:port}, {@code socks5://host:port};
 *     never its credentials), or null for a direct connection; {@code remote} is then the proxy's address
 * @param streamId the HTTP/2 stream that carried the exchange, or 0 for HTTP/1.1
 * @param openReason why the pool opened this connection for this exchange, or null when the connection
 *     was reused (or carries a later stream of a shared HTTP/2 connection)
 * @param openDetail the sentence with the specifics of {@code openReason} (such as
 *     {@code all 10 connections to https://api.example.com:443 are in use}), or null when reused
 */
public record ConnectionInfo(String origin, int number, boolean reused, InetSocketAddress local,
                             InetSocketAddress remote, String protocol, String tlsVersion, String cipherSuite,
                             boolean tlsResumed, String proxy, int streamId, OpenReason openReason,
                             String openDetail) {
    /** Facts about a connection, without why it was opened. */
    public ConnectionInfo(String origin, int number, boolean reused, InetSocketAddress local,
                          InetSocketAddress remote, String protocol, String tlsVersion, String cipherSuite,
                          boolean tlsResumed, String proxy, int streamId) {
        this(origin, number, reused, local, remote, protocol, tlsVersion, cipherSuite, tlsResumed, proxy, streamId,
                null, null);
    }

    /** Facts about an HTTP/1.1 connection. */
    public ConnectionInfo(String origin, int number, boolean reused, InetSocketAddress local,
                          InetSocketAddress remote, String protocol, String tlsVersion, String cipherSuite,
                          boolean tlsResumed, String proxy) {
        this(origin, number, reused, local, remote, protocol, tlsVersion, cipherSuite, tlsResumed, proxy, 0);
    }

    /** Facts about a direct connection (no proxy). */
    public ConnectionInfo(String origin, int number, boolean reused, InetSocketAddress local,
                          InetSocketAddress remote, String protocol, String tlsVersion, String cipherSuite,
                          boolean tlsResumed) {
        this(origin, number, reused, local, remote, protocol, tlsVersion, cipherSuite, tlsResumed, null);
    }
}
