package dev.spool.it.interop;

import dev.spool.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * HTTP/2 against Jetty's own server, embedded, over h2c (prior knowledge): the checks of
 * {@link H2Checks}, with connections as Jetty names them, and GOAWAY from a graceful session shutdown
 * at a connection's 50th request.
 */
class JettyH2InteropTest extends H2Checks {
    static JettyH2 jetty;

    @BeforeAll
    static void start() throws Exception {
        jetty = JettyH2.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
    }

    @Override
    protected Session session() {
        return h2cSession();
    }

    @Override
    protected String url(String path) {
        return jetty.url(path, false);
    }

    @Override
    protected String goAwayUrl(String path) {
        return jetty.url(path, true);
    }

    /**
     * Jetty's GOAWAY names the last stream it had received when the handler of the 50th request shut
     * the session down, so a connection serves 50 plus the requests already on their way (some of the
     * 8 threads' next ones): at most 100 is taken, so at least 4 connections.
     */
    @Override
    protected int leastGoAwayConnections() {
        return 400 / 100;
    }
}
