package dev.spool.it.interop;

import dev.spool.Body;
import dev.spool.Session;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP/2 against a real nginx over h2c (prior knowledge): the checks of {@link H2Checks}, with
 * connections as nginx counts them ({@code X-Conn: $connection}), uploads stored by WebDAV PUT and
 * read back from nginx's disk, and GOAWAY from {@code keepalive_requests 50}.
 */
@Tag("interop")
@ExtendWith(NginxExtension.class)
class NginxH2InteropTest extends H2Checks {
    static Nginx nginx;

    /** The run's one Nginx, from the extension (a test it disables for lack of the server never gets here). */
    @BeforeEach
    void server(Nginx server) {
        nginx = server;
    }

    @Override
    protected Session session() {
        return h2cSession();
    }

    @Override
    protected String url(String path) {
        return nginx.h2cUrl(path, false);
    }

    @Override
    protected String goAwayUrl(String path) {
        return nginx.h2cUrl(path, true);
    }

    /** nginx has no handler that digests a body: it stores it (WebDAV PUT), and the digest is of the stored file. */
    @Override
    protected String uploadDigest(Session s, Body body) throws IOException {
        return putAndDigest(s, body, nginx.root());
    }
}
