package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DEBUG lines are part of the contract, in urllib3's words. */
class LogLinesTest {
    @Test
    void connectionAndResponseLinesReadLikeUrllib3() {
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse().body("hello"));
            server.enqueue(new MockResponse().body("chunky").chunked(2));
            s.get(server.url("/a?q=1"));
            s.get(server.url("/b"));
            String origin = "http://127.0.0.1:" + server.port();
            assertEquals(List.of(
                    "DEBUG Starting new HTTP connection (1): 127.0.0.1:" + server.port(),
                    "DEBUG New connection (1) because no connection to " + origin + " yet (FIRST)",
                    "DEBUG " + origin + " \"GET /a?q=1 HTTP/1.1\" 200 5",
                    "DEBUG " + origin + " \"GET /b HTTP/1.1\" 200 None"), log.matching("DEBUG"));
        }
    }

    @Test
    void httpsConnectionsSayHttps() throws Exception {
        try (LogRecorder log = new LogRecorder(); MockServer server = MockServer.startTls();
             Session s = Session.builder().verify(false).build()) {
            s.get(server.url("/"));
            assertEquals("DEBUG Starting new HTTPS connection (1): 127.0.0.1:" + server.port(),
                    log.matching("DEBUG Starting").get(0));
        }
    }
}
