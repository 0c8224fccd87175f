package dev.spool.it.interop;

import dev.spool.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's own HTTP/2 server, embedded, serving the {@link H2Checks} routes: over h2c (prior
 * knowledge) or over TLS with h2 chosen by ALPN (the JDK's TLS, jetty-alpn-java-server). It has two
 * connectors; on the second, a handler shuts the HTTP/2 session down gracefully (GOAWAY) at its 50th
 * request, as Jetty has no setting for requests per connection. {@code X-Conn} is Jetty's connection
 * object's serial number, given the first time the connection serves a request.
 */
public final class JettyH2 implements AutoCloseable {
    /** The requests a connection of the GOAWAY connector serves before its session is shut down. */
    static final int GOAWAY_EVERY = 50;

    private final Server server = new Server();
    private final ServerConnector plain;
    private final ServerConnector goAway;
    private final Map<Connection, Integer> serials = new ConcurrentHashMap<>();
    private final Map<Connection, AtomicInteger> served = new ConcurrentHashMap<>();
    private final AtomicInteger nextSerial = new AtomicInteger();
    private final boolean tls;

    /** Starts the server on two loopback ports: h2c, or h2 over TLS with {@code cert} when it is not null. */
    public static JettyH2 start(SelfSignedCertificate cert) throws Exception {
        JettyH2 j = new JettyH2(cert);
        j.server.start();
        return j;
    }

    private JettyH2(SelfSignedCertificate cert) {
        tls = cert != null;
        plain = connector(cert);
        goAway = connector(cert);
        server.addConnector(plain);
        server.addConnector(goAway);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback);
                return true;
            }
        });
    }

    private ServerConnector connector(SelfSignedCertificate cert) {
        HttpConfiguration config = new HttpConfiguration();
        ServerConnector c;
        if (cert == null) {
            c = new ServerConnector(server, new HTTP2CServerConnectionFactory(config));
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(cert.serverSslContext());
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2");
            alpn.setDefaultProtocol("h2");
            c = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                    new HTTP2ServerConnectionFactory(config));
        }
        c.setHost("127.0.0.1");
        c.setPort(0);
        return c;
    }

    private void serve(Request request, Response response, Callback callback) throws Exception {
        Connection conn = request.getConnectionMetaData().getConnection();
        int serial = serials.computeIfAbsent(conn, k -> nextSerial.incrementAndGet());
        response.getHeaders().put("X-Conn", Integer.toString(serial));
        if (request.getConnectionMetaData().getConnector() == goAway
                && served.computeIfAbsent(conn, k -> new AtomicInteger()).incrementAndGet() == GOAWAY_EVERY) {
            // GOAWAY now; the streams already open, this one included, are served to their end.
            ((HTTP2Connection) conn).getSession().shutdown();
        }
        String path = request.getHttpURI().getPath();
        if (path.startsWith("/hello/")) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, "hello " + path, callback);
        } else if (path.equals("/digest")) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            long length;
            try (InputStream in = new DigestInputStream(Content.Source.asInputStream(request), sha1)) {
                length = in.transferTo(OutputStream.nullOutputStream());
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, HexFormat.of().formatHex(sha1.digest()) + " " + length, callback);
        } else if (path.equals("/pattern.bin")) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, H2Checks.PATTERN_SIZE);
            byte[] block = new byte[1 << 16];
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                for (long at = 0; at < H2Checks.PATTERN_SIZE; at += block.length) {
                    for (int i = 0; i < block.length; i++) {
                        block[i] = H2Checks.patternByte(at + i);
                    }
                    out.write(block);
                }
                callback.succeeded();
            } catch (IOException e) {
                callback.failed(e); // the client reset the stream (an unread response closed)
            }
        } else {
            response.setStatus(404);
            Content.Sink.write(response, true, "no " + path, callback);
        }
    }

    /** A URL on the plain connector (or, with {@code goAway}, the one that sends GOAWAY every 50 requests). */
    public String url(String path, boolean goAwayEvery50) {
        ServerConnector c = goAwayEvery50 ? goAway : plain;
        return (tls ? "https" : "http") + "://127.0.0.1:" + c.getLocalPort() + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    @Override
    public String toString() {
        return "Jetty HTTP/2 (" + (tls ? "TLS" : "h2c") + ") at " + url("", false);
    }
}
