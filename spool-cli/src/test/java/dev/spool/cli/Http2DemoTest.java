package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's HTTP/2 part against its embedded Jetty server: every request at once, one connection. */
@Timeout(60)
class Http2DemoTest {
    @Test
    void fiftyConcurrentRequestsShareOneH2Connection() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Http2Demo.Result r = new Http2Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(Http2Demo.CONCURRENT, r.streamsAtOnce(), "all in flight at once, as the pool counted: " + out);
        assertEquals(1, r.opened(), out);
        assertEquals(1, r.serverConnections(), "Jetty's own count: " + out);
        assertEquals(new TreeSet<>(Set.of(1)), r.connections(), out);
        assertEquals(new TreeSet<>(Set.of("h2")), r.protocols(), out);
        assertTrue(out.contains("in flight at once: 50 streams; responses over h2 on connection 1"), out);
        assertTrue(out.contains("connections: opened by Spool 1, server saw 1"), out);
        assertTrue(out.contains("poolStats: [ConnectionStats[number=1, protocol=h2, streams=0, maxStreams="), out);
        assertTrue(r.logLines().get(0).matches("DEBUG dev\\.spool\\.pool: Starting new HTTPS connection \\(1\\): 127\\.0\\.0\\.1:\\d+"),
                r.logLines().toString());
    }
}
