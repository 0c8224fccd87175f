package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Body;
import dev.spool.Response;
import dev.spool.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against an embedded Jetty, a server none of us wrote: echo, and reuse counted by Jetty itself. */
@Timeout(60)
class JettyInteropTest {
    static Server server;
    static ServerConnector connector;
    static ConnectionStatistics stats;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        stats = new ConnectionStatistics();
        connector.addBean(stats);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                String echo = request.getMethod() + " " + request.getHttpURI().getPathQuery() + " " + body;
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                if (request.getHttpURI().getPath().equals("/big")) {
                    response.write(true, ByteBuffer.wrap("z".repeat(300_000).getBytes(StandardCharsets.US_ASCII)), callback);
                } else {
                    Content.Sink.write(response, true, echo, callback);
                }
                return true;
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + connector.getLocalPort() + path;
    }

    @Test
    void aSessionReusesOneConnectionWithJetty() {
        long before = stats.getConnectionsTotal();
        try (Session s = new Session()) {
            assertEquals("GET /a?x=1 ", s.request("GET", url("/a")).param("x", "1").send().text());
            assertEquals("POST /b hello", s.post(url("/b"), Body.text("hello")).text());
            assertEquals("PUT /c chunked", s.put(url("/c"),
                    Body.stream(new java.io.ByteArrayInputStream("chunked".getBytes()))).text());
            Response big = s.get(url("/big"));
            assertEquals(300_000, big.bytes().length);
            assertEquals(200, s.head(url("/d")).status());
        }
        assertEquals(1, stats.getConnectionsTotal() - before, "Jetty counted one connection for five requests");
    }
}
