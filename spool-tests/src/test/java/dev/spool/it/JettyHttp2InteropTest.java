package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Body;
import dev.spool.Protocol;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.it.interop.Concurrently;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/2 against Jetty's own server (h2c, prior knowledge), embedded: concurrent requests share one
 * connection as Jetty counts its connections, and bodies are intact both ways.
 */
@Timeout(120)
class JettyHttp2InteropTest {
    static Server server;
    static ServerConnector connector;
    static ConnectionStatistics stats;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        connector = new ServerConnector(server, new HTTP2CServerConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        stats = new ConnectionStatistics();
        connector.addBean(stats);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  Callback callback) throws Exception {
                String path = request.getHttpURI().getPath();
                if (path.equals("/echo")) {
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        in.transferTo(body);
                    }
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
                    response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
                } else {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                    Content.Sink.write(response, true, "jetty " + path, callback);
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
    void sixteenThreadsTimesAHundredGetsUseOneConnection() throws Exception {
        long before = stats.getConnectionsTotal();
        try (Session s = Session.builder().protocols(Protocol.H2_PRIOR_KNOWLEDGE).build()) {
            Concurrently.run(16, 100, 60, (thread, i) -> {
                Response r = s.get(url("/t" + thread + "/" + i));
                assertEquals("jetty /t" + thread + "/" + i, r.text());
                assertEquals("h2", r.connection().protocol());
            });
            assertEquals(1, stats.getConnectionsTotal() - before, "Jetty's own count of connections");
        }
    }

    @Test
    void aTenMebibyteUploadComesBackWhole() {
        byte[] upload = new byte[10 << 20];
        new Random(3).nextBytes(upload);
        try (Session s = Session.builder().protocols(Protocol.H2_PRIOR_KNOWLEDGE).build()) {
            assertArrayEquals(upload, s.post(url("/echo"), Body.bytes(upload)).bytes());
            assertArrayEquals(upload, s.post(url("/echo"), Body.stream(new java.io.ByteArrayInputStream(upload))).bytes(),
                    "a body of unknown length, framed in DATA frames");
        }
    }
}
