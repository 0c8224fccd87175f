package dev.spool.cli;

import dev.spool.Body;
import dev.spool.ConnectionInfo;
import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Response;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The {@code -v} lines about one exchange: the request as sent ({@code > }), then which connection
 * carried it and what it cost ({@code * }): new or reused, its number in its origin's pool, TLS
 * version and whether the TLS session was resumed, and the time to the response headers.
 */
final class ConnectionReport {
    private ConnectionReport() {
    }

    /** Prints the request head and the connection facts of a response. */
    static void print(PrintStream err, Response r) {
        request(err, r.request());
        for (String line : facts(r.connection(), r.elapsed().toNanos())) {
            err.println(line);
        }
        err.flush();
    }

    /** The request head as the library put it on the wire (it adds Host, and the body's type and framing). */
    private static void request(PrintStream err, Request q) {
        err.println("> " + q.method() + " " + q.httpUrl().target() + " HTTP/1.1");
        Headers h = q.headers();
        if (!h.contains("Host")) {
            err.println("> Host: " + q.httpUrl().authority());
        }
        for (int i = 0; i < h.size(); i++) {
            err.println("> " + h.name(i) + ": " + h.value(i));
        }
        Body b = q.body();
        if (b != null) {
            if (b.contentType() != null && !h.contains("Content-Type")) {
                err.println("> Content-Type: " + b.contentType());
            }
            long length = b.contentLength();
            err.println(length >= 0 ? "> Content-Length: " + length : "> Transfer-Encoding: chunked");
        }
    }

    /** The {@code *} lines for a connection; pure, so its wording is tested without sockets. */
    static String[] facts(ConnectionInfo c, long elapsedNanos) {
        String elapsed = String.format(Locale.ROOT, "* elapsed %.1f ms (request sent to response headers)", elapsedNanos / 1e6);
        if (c == null) {
            return new String[] {"* connection: not reported (the transport gives no connection facts)", elapsed};
        }
        String head = "* connection " + c.number() + " to " + c.origin() + (c.reused() ? " (reused)" : " (new)")
                + ", " + address(c.local()) + " -> " + address(c.remote());
        if (c.tlsVersion() == null) {
            return new String[] {head, elapsed};
        }
        String tls = "* TLS " + c.tlsVersion() + ", " + c.cipherSuite()
                + (c.tlsResumed() ? ", session resumed (abbreviated handshake)" : ", full handshake")
                + (c.reused() ? " when the connection opened" : "");
        return new String[] {head, tls, elapsed};
    }

    private static String address(InetSocketAddress a) {
        if (a == null) {
            return "?";
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
