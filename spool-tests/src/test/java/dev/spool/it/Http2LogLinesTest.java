package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Protocol;
import dev.spool.Session;
import dev.spool.it.interop.Concurrently;
import dev.spool.it.interop.NodeH2;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * urllib3's log lines over HTTP/2: one {@code Starting new HTTP connection (1)} line for many
 * concurrent requests that share the connection, and each response's line naming HTTP/2.
 */
@Timeout(60)
class Http2LogLinesTest {
    @Test
    void manyConcurrentRequestsLogOneNewConnection() throws Exception {
        String lacking = NodeH2.missing();
        if (lacking != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI must run the HTTP/2 tests; missing " + lacking);
        }
        Assumptions.assumeTrue(lacking == null, "no " + lacking);
        try (LogRecorder log = new LogRecorder(); NodeH2 server = NodeH2.start(null, 0);
             Session s = Session.builder().protocols(Protocol.H2_PRIOR_KNOWLEDGE).build()) {
            Concurrently.run(10, 1, 30, (thread, i) -> s.get(server.url("http", "/r" + thread)).text());
            assertEquals(List.of("DEBUG Starting new HTTP connection (1): 127.0.0.1:" + server.port()),
                    log.matching("DEBUG Starting new"));
            List<String> responses = log.matching("DEBUG http://127.0.0.1:" + server.port() + " \"GET /r");
            assertEquals(10, responses.size(), String.valueOf(log.lines()));
            for (String line : responses) {
                assertEquals(true, line.matches("DEBUG http://127\\.0\\.0\\.1:\\d+ \"GET /r\\d HTTP/2\" 200 None"), line);
            }
        }
    }
}
