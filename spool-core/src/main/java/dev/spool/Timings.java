package dev.spool;

import java.time.Duration;

/**
 * Where the time of one response went, phase by phase, as curl's {@code -w} or a browser's network
 * panel shows it. Phases that did not happen are zero: on a reused connection DNS, connect and TLS are
 * zero; for plain HTTP, TLS is zero.
 *
 * @param poolWait from asking the pool for a connection until it picked one (an idle one, after its
 *     health check, or a slot for a new one); with {@code poolBlock(true)} this includes waiting for a
 *     connection to come back
 * @param dns resolving the host name to addresses (for a proxied request, the proxy's name; zero when
 *     the proxy resolves the destination)
 * @param connect TCP connect, including a proxy's CONNECT tunnel or SOCKS handshake when there is one
 * @param tls the TLS handshake with the origin
 * @param firstByte from starting to write the request until the first byte of the response arrived:
 *     sending the request plus the server's think time (a browser's "waiting (TTFB)")
 * @param total from the start until the body ended; for a streamed response whose body has not ended
 *     yet, until now; for a buffered one, until {@code send()} returned its response
 */
public record Timings(Duration poolWait, Duration dns, Duration connect, Duration tls, Duration firstByte,
                      Duration total) {
    /** All zero: what a response reports when its transport measured nothing (a mounted test transport). */
    public static final Timings ZERO = new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO);

    /** Checks that no phase is null or negative. */
    public Timings {
        check("poolWait", poolWait);
        check("dns", dns);
        check("connect", connect);
        check("tls", tls);
        check("firstByte", firstByte);
        check("total", total);
    }

    private static void check(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("timing " + name + " must be zero or positive, got " + d);
        }
    }
}
