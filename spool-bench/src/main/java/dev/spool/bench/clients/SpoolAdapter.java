package dev.spool.bench.clients;

import dev.spool.Protocol;
import dev.spool.Response;
import dev.spool.Session;
import java.io.InputStream;

/**
 * Spool through one {@link Session}, sized like the peers' pools and trusting the bench certificate.
 * Its default protocols offer {@code h2} by ALPN to HTTPS servers, so HTTP/2 needs no setting; without
 * {@link ClientSettings#http2()} it keeps to HTTP/1.1 like the peers.
 */
final class SpoolAdapter implements BenchClient {
    /** Origins kept by a sized session: Spool's default, enough for the one or two origins used. */
    private static final int POOL_CONNECTIONS = 10;

    private final Session session;

    SpoolAdapter(ClientSettings settings) {
        Session.Builder b = Session.builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout());
        if (!settings.http2()) {
            b.protocols(Protocol.HTTP_1_1);
        }
        if (!settings.libraryDefaults()) {
            b.poolMaxSize(settings.poolSize()).poolConnections(POOL_CONNECTIONS);
        }
        if (settings.trust() != null) {
            b.caBundle(settings.trust().pem());
        }
        this.session = b.build();
    }

    @Override
    public long getFully(String url) {
        try (Response r = session.get(url)) {
            if (r.status() != 200) {
                throw RequestHeaders.unexpectedStatus("spool", r.status(), url);
            }
            return r.bytes().length;
        }
    }

    @Override
    public String protocol(String url) {
        try (Response r = session.get(url)) {
            r.bytes();
            return r.connection().protocol();
        }
    }

    @Override
    public long stream(String url, byte[] buffer) throws Exception {
        try (Response r = session.request("GET", url).stream(true).send()) {
            if (r.status() != 200) {
                throw RequestHeaders.unexpectedStatus("spool", r.status(), url);
            }
            InputStream in = r.inputStream();
            return BenchClient.drain(in, buffer);
        }
    }

    /** TCP connections the session has opened so far. */
    long connectionsOpened() {
        return session.poolStats().connectionsOpened();
    }

    @Override
    public void close() {
        session.close();
    }
}
