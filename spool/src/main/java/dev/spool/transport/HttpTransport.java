package dev.spool.transport;

import dev.spool.PoolStats;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.tls.TlsConfig;
import java.util.List;

/**
 * The default transport for {@code http://} and {@code https://}: HTTP/1.1 over pooled keep-alive
 * connections (the equivalent of requests' {@code HTTPAdapter}). SKELETON.
 */
public final class HttpTransport implements Transport {
    public HttpTransport() {
        this(PoolSettings.DEFAULT, Timeouts.DEFAULT, TlsConfig.DEFAULT);
    }

    public HttpTransport(PoolSettings pool, Timeouts timeouts, TlsConfig tls) {
    }

    @Override
    public Response send(Request request) {
        throw new UnsupportedOperationException("core task");
    }

    public PoolStats poolStats() {
        return new PoolStats(0, List.of());
    }

    @Override
    public void close() {
    }
}
