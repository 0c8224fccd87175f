package dev.spool.transport;

import java.time.Duration;

/**
 * Connect and read timeouts; both finite by default, set again on every use of a connection.
 *
 * @param connect how long DNS-resolved TCP connect plus the TLS handshake may take (10 s)
 * @param read how long the server may stay silent while a response is awaited or read (60 s)
 */
public record Timeouts(Duration connect, Duration read) {
    /** 10 s to connect, 60 s of silence while reading. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    /** Checks both are positive. */
    public Timeouts {
        check("connectTimeout", connect);
        check("readTimeout", read);
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
