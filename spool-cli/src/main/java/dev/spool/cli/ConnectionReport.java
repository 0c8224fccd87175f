package dev.spool.cli;

import dev.spool.Body;
import dev.spool.ConnectionInfo;
import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Timings;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code -v} lines about one exchange: the request as sent ({@code > }, printed by
 * {@link RequestEcho} as it goes out), then which connection
 * carried it ({@code * }): new or reused, its number in its origin's pool, the proxy it went through,
 * TLS version and whether the TLS session was resumed; and, once the body has ended, where the time
 * went ({@code * timings}: pool wait, DNS, connect, TLS, first byte, total), as curl's {@code -w}
 * writes its figures after the transfer.
 */
final class ConnectionReport {
    private ConnectionReport() {
    }

    /** Prints the connection facts of a response. */
    static void print(PrintStream err, Response r) {
        for (String line : facts(r.connection())) {
            err.println(line);
        }
        err.flush();
    }

    /** Prints the timing breakdown of a response whose body has ended (so its total includes the body). */
    static void printTimings(PrintStream err, Response r) {
        err.println(timings(r.timings()));
        err.flush();
    }

    /** The request head as the library put it on the wire (it adds Host, and the body's type and framing). */
    static void request(PrintStream err, Request q) {
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
    static String[] facts(ConnectionInfo c) {
        if (c == null) {
            return new String[] {"* connection: not reported (the transport gives no connection facts)"};
        }
        String head = "* connection " + c.number() + " to " + c.origin() + (c.reused() ? " (reused)" : " (new)")
                + ", " + address(c.local()) + " -> " + address(c.remote())
                + ("h2".equals(c.protocol()) ? ", HTTP/2 stream " + c.streamId() : "")
                + (c.proxy() == null ? "" : " (proxy " + c.proxy() + ")")
                + (c.openReason() == null ? "" : "; opened because " + c.openDetail() + " (" + c.openReason() + ")");
        if (c.tlsVersion() == null) {
            return new String[] {head};
        }
        String tls = "* TLS " + c.tlsVersion() + ", " + c.cipherSuite()
                + (c.tlsResumed() ? ", session resumed (abbreviated handshake)" : ", full handshake")
                + (c.reused() ? " when the connection opened" : "");
        return new String[] {head, tls};
    }

    /**
     * The {@code * timings} line: each phase of {@link Timings} in milliseconds. On a reused connection
     * DNS, connect and TLS are zero; for plain HTTP, TLS is.
     */
    static String timings(Timings t) {
        return "* timings: pool wait " + millis(t.poolWait()) + ", DNS " + millis(t.dns()) + ", connect " + millis(t.connect())
                + ", TLS " + millis(t.tls()) + ", first byte " + millis(t.firstByte()) + ", total " + millis(t.total());
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    private static String address(InetSocketAddress a) {
        if (a == null) {
            return "?";
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
