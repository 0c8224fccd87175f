package dev.spool.cli;

import dev.spool.PoolStats;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.SelfSignedCertificate;
import dev.spool.tls.TlsConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The demo's HTTP/2 part: {@link #CONCURRENT} GETs sent at once from as many threads through one
 * {@code Session} to an embedded Jetty HTTPS server (h2 chosen by ALPN, the session's default
 * protocols), all in flight together, over one connection. The server holds each answer until every
 * request has arrived, so the streams are truly concurrent; the counts come from the session's
 * {@code poolStats()}, the responses' {@code connection()} and the TLS connections Jetty accepted.
 */
final class Http2Demo {
    /** How many requests are in flight at once (within any server's stream limit: Jetty allows 128). */
    static final int CONCURRENT = 50;

    private final PrintStream out;

    Http2Demo(PrintStream out) {
        this.out = out;
    }

    /** What the run showed. */
    record Result(int requests, long opened, long serverConnections, int streamsAtOnce, TreeSet<Integer> connections,
                  TreeSet<String> protocols, List<String> logLines) {
    }

    /** Runs the demo and prints its lines. */
    Result run() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.localhost();
        CountDownLatch arrived = new CountDownLatch(CONCURRENT);
        CountDownLatch release = new CountDownLatch(1);
        Server server = new Server();
        ServerConnector connector = tlsH2Connector(server, cert);
        AtomicInteger accepted = new AtomicInteger(); // TCP connections: one TLS layer each
        connector.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection c) {
                if (c instanceof SslConnection) {
                    accepted.incrementAndGet();
                }
            }
        });
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  Callback callback) throws Exception {
                arrived.countDown();
                release.await(10, TimeUnit.SECONDS); // every request in flight at once (bounded, never a hang)
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, "jetty " + request.getHttpURI().getPath(), callback);
                return true;
            }
        });
        Path pem = Files.createTempFile("spool-demo-h2-ca", ".pem");
        Demo.LogCapture log = new Demo.LogCapture();
        log.loggers = name -> name.equals("dev.spool.pool") || name.equals("dev.spool.transport");
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT);
        server.start();
        try (Session s = Session.builder().tls(TlsConfig.caBundle(cert.writePem(pem))).build()) {
            String base = "https://127.0.0.1:" + connector.getLocalPort();
            log.install();
            log.start();
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                String url = base + "/h2/" + i;
                calls.add(threads.submit(() -> s.get(url)));
            }
            int atOnce = -1;
            if (arrived.await(10, TimeUnit.SECONDS)) {
                atOnce = s.poolStats().origins().get(0).streams();
            }
            release.countDown();
            TreeSet<Integer> connections = new TreeSet<>();
            TreeSet<String> protocols = new TreeSet<>();
            for (int i = 0; i < CONCURRENT; i++) {
                Response r = calls.get(i).get(30, TimeUnit.SECONDS);
                r.raiseForStatus();
                if (!r.text().equals("jetty /h2/" + i)) {
                    throw new IllegalStateException("wrong body for request " + i + ": " + r.text());
                }
                connections.add(r.connection().number());
                protocols.add(r.connection().protocol());
            }
            List<String> lines = log.stop();
            PoolStats.OriginStats o = s.poolStats().origins().get(0);
            Result result = new Result(CONCURRENT, s.poolStats().connectionsOpened(), accepted.get(), atOnce,
                    connections, protocols, lines);
            print(result, o);
            return result;
        } finally {
            release.countDown();
            log.uninstall();
            threads.shutdownNow();
            server.stop();
            Files.deleteIfExists(pem);
        }
    }

    /** An HTTPS connector that offers h2 by ALPN, with this certificate. */
    private static ServerConnector tlsH2Connector(Server server, SelfSignedCertificate cert) {
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer(false)); // an IP address carries no SNI to check
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2");
        alpn.setDefaultProtocol("h2");
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(cert.serverSslContext());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        return connector;
    }

    private void print(Result r, PoolStats.OriginStats o) {
        out.println();
        out.println("HTTP/2: " + r.requests() + " GETs at once from " + r.requests() + " threads through one Session,");
        out.println("to a local Jetty HTTPS server (h2 chosen by ALPN), first log lines:");
        for (String line : r.logLines()) {
            out.println("  " + line);
        }
        out.println("  in flight at once: " + (r.streamsAtOnce() < 0 ? "n/a (the server did not see them all)"
                : r.streamsAtOnce() + " streams") + "; responses over " + String.join(", ", r.protocols())
                + " on connection " + join(r.connections()));
        out.println("  connections: opened by Spool " + r.opened() + ", server saw " + r.serverConnections());
        out.println("  poolStats: " + o.connections());
    }

    private static String join(TreeSet<Integer> numbers) {
        StringBuilder b = new StringBuilder();
        for (Integer n : numbers) {
            b.append(b.length() == 0 ? "" : ", ").append(n);
        }
        return b.toString();
    }
}
