package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Protocol;
import dev.spool.Session;
import dev.spool.it.interop.NodeH2;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
            ExecutorService ex = Executors.newFixedThreadPool(10);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int n = i;
                    all.add(ex.submit(() -> s.get(server.url("http", "/r" + n)).text()));
                }
                for (Future<?> f : all) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                ex.shutdownNow();
            }
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
