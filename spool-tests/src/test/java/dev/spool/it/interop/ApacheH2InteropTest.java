package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Response;
import dev.spool.Session;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP/2 against a real Apache httpd with mod_http2, over TLS (mod_ssl, h2 chosen by ALPN, a
 * self-signed certificate the session trusts alone): the checks of {@link H2Checks}. Apache has no
 * setting for GOAWAY after N requests (see {@link Apache}), so its GOAWAY check restarts it
 * gracefully instead, which makes every open session send GOAWAY.
 */
@Tag("interop")
@ExtendWith(ApacheExtension.class)
class ApacheH2InteropTest extends H2Checks {
    static Apache apache;

    /** The run's one Apache, from the extension (a test it disables for lack of the server never gets here). */
    @BeforeEach
    void server(Apache server) {
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

    /**
     * Apache instead of GOAWAY every 50 requests: a graceful restart while a 100 MiB response is in
     * flight on the connection, twice, between rounds of 8 threads x 50 requests. The in-flight
     * response must arrive whole (the GOAWAY lets it finish), and the next round must go over a new
     * connection. The rounds wait for the old process to exit rather than run during the restart:
     * a connection that a stopping Apache process accepts in the moment before it closes its
     * listening socket is closed without an answer (mod_http2 refuses its streams with a connection
     * error, or the process drops it), which no client can tell from a server that failed.
     */
    @Test
    @Override
    void goAwayEveryFiftyRequestsLosesNoRequest() throws Exception {
        Set<String> connections = ConcurrentHashMap.newKeySet();
        try (Session s = session()) {
            for (int round = 0; ; round++) {
                String r = "g" + round + "-";
                Concurrently.run(8, 50, 60, (thread, i) -> connections.add(hello(s, null, r + thread + "-" + i)));
                if (round == 2) {
                    break;
                }
                long process;
                try (Response inFlight = s.request("GET", url("/pattern.bin")).stream(true).send()) {
                    String id = connectionOf(inFlight);
                    process = Long.parseLong(id.substring(id.indexOf(' ') + 1, id.indexOf('-')));
                    apache.gracefulRestart();
                    assertPatternBody(inFlight);
                }
                Optional<ProcessHandle> old = ProcessHandle.of(process);
                if (old.isPresent()) {
                    old.get().onExit().get(30, TimeUnit.SECONDS); // its connections are done: it said GOAWAY on ours
                }
            }
        }
        assertTrue(connections.size() >= 3, "a new connection after each restart: " + connections);
    }
}
