package dev.spool.transport;

import java.time.Duration;

/**
 * Connect and read timeouts, and the wait for {@code 100 Continue}; all finite by default, set again
 * on every use of a connection.
 *
 * @param connect how long DNS-resolved TCP connect plus the proxy and TLS handshakes may take (10 s)
 * @param read how long the server may stay silent while a response is awaited or read, and how long
 *     one write of the request may make no progress (60 s)
 * @param expectContinue how long a request with {@code Expect: 100-continue} waits for the server's
 *     {@code 100 Continue} before it sends its body anyway (1 s, as curl; RFC 9110 section 10.1.1)
 */
public record Timeouts(Duration connect, Duration read, Duration expectContinue) {
    /** curl's wait for {@code 100 Continue}. */
    public static final Duration EXPECT_CONTINUE = Duration.ofSeconds(1);
    /** 10 s to connect, 60 s of silence while reading, 1 s for {@code 100 Continue}. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    /** Checks all are positive. */
    public Timeouts {
        check("connectTimeout", connect);
        check("readTimeout", read);
        check("expectContinueTimeout", expectContinue);
    }

    /** Connect and read timeouts with the default wait for {@code 100 Continue}. */
    public Timeouts(Duration connect, Duration read) {
        this(connect, read, EXPECT_CONTINUE);
    }

    private static void check(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        if (d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too long: " + d);
        }
    }
}
