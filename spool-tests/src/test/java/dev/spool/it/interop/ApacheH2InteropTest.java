package dev.spool.it.interop;

import dev.spool.Body;
import dev.spool.Response;
import dev.spool.Session;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP/2 against a real Apache httpd with mod_http2, over TLS (mod_ssl, h2 chosen by ALPN, a
 * self-signed certificate the session trusts alone): the checks of {@link H2Checks}. Apache has no
 * setting for GOAWAY after N requests (see {@link Apache}), so the GOAWAY check restarts it gracefully
 * twice while its 8 threads run: each restart makes the open sessions send GOAWAY.
 */
@Tag("interop")
@ExtendWith(ApacheExtension.class)
class ApacheH2InteropTest extends H2Checks {
    static Apache apache;

    @BeforeAll
    static void server(Apache server) {
        apache = server;
    }

    @Override
    protected Session session() {
        return tlsSession(apache.certificate());
    }

    @Override
    protected String url(String path) {
        return apache.h2TlsUrl(path);
    }

    @Override
    protected String goAwayUrl(String path) {
        return url(path);
    }

    /** Apache stores the upload (WebDAV PUT); the digest is of the stored file. */
    @Override
    protected String uploadDigest(Session s, Body body) throws IOException {
        return putAndDigest(s, body, apache.root());
    }

    /** {@code <client port> <process>-<connection>}: {@code H2_STREAM_TAG} less its stream number. */
    @Override
    protected String connectionOf(Response r) {
        String id = super.connectionOf(r);
        return id.substring(0, id.lastIndexOf('-'));
    }

    /** The first connection, and one after each of the two graceful restarts. */
    @Override
    protected int leastGoAwayConnections() {
        return 3;
    }

    /**
     * Thread 0, at its 20th and 40th request: a graceful restart, then more requests (each checked)
     * until one is served on a new connection, which the client opens only once the old one said
     * GOAWAY; the other 7 threads go on meanwhile.
     */
    @Override
    protected void afterGoAwayRequest(Session s, int thread, int i, String connection) throws Exception {
        if (thread != 0 || i % 20 != 0 || i > 40) {
            return;
        }
        apache.gracefulRestart();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int n = 0; ; n++) {
            if (!hello(s, goAwayUrl(""), "restart" + i + "-" + n).equals(connection)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Apache's connection " + connection + " said no GOAWAY within 30 s of a graceful restart");
            }
        }
    }
}
