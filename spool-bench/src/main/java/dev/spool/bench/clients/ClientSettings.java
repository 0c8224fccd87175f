package dev.spool.bench.clients;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client under test is configured: its pool size (or the library's own defaults), the
 * certificate it trusts, its timeouts and whether it speaks HTTP/2.
 *
 * @param poolSize connections kept per origin; {@link #LIBRARY_DEFAULTS} leaves every pool limit at
 *     the library's default (the 1,000-origins workload tests exactly those defaults)
 * @param trust the generated certificate, or null when the run has no HTTPS server
 * @param timeout connect and read timeout; a stuck client then fails instead of hanging a round
 * @param http2 whether the client offers HTTP/2 (by ALPN over TLS) instead of keeping to HTTP/1.1
 */
public record ClientSettings(int poolSize, Trust trust, Duration timeout, boolean http2) {
    /** The value of {@code poolSize} that means "do not touch the library's pool limits". */
    public static final int LIBRARY_DEFAULTS = 0;

    /** Checks the values. */
    public ClientSettings {
        if (poolSize < 0) {
            throw new IllegalArgumentException("poolSize must be positive, or LIBRARY_DEFAULTS");
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    /** HTTP/1.1 settings: every workload but the HTTP/2 ones. */
    public ClientSettings(int poolSize, Trust trust, Duration timeout) {
        this(poolSize, trust, timeout, false);
    }

    /** The same settings, offering HTTP/2. */
    public ClientSettings withHttp2() {
        return new ClientSettings(poolSize, trust, timeout, true);
    }

    /** Whether the library's pool limits are left alone. */
    public boolean libraryDefaults() {
        return poolSize == LIBRARY_DEFAULTS;
    }

    /** The same settings with the library's default pool limits. */
    public ClientSettings withLibraryDefaults() {
        return new ClientSettings(LIBRARY_DEFAULTS, trust, timeout, http2);
    }
}
