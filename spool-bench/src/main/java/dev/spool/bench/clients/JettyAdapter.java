package dev.spool.bench.clients;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12's {@code HttpClient} over HTTP/1.1 (or, for the HTTP/2 workloads, over its HTTP/2 transport
 * with ALPN from the JDK), started before use and stopped after, with blocking
 * {@code send()} for whole bodies and an {@link InputStreamResponseListener} for streaming.
 */
final class JettyAdapter implements BenchClient {
    /** Idle connections are kept as long as OkHttp keeps them (5 minutes), below nginx's 300 s. */
    private static final long IDLE_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(5) - 1_000;

    private final HttpClient client;
    private final long timeoutMs;

    JettyAdapter(ClientSettings settings) throws Exception {
        this.client = settings.http2()
                ? new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client(new ClientConnector())))
                : new HttpClient();
        this.timeoutMs = settings.timeout().toMillis();
        client.setConnectTimeout(timeoutMs);
        if (!settings.libraryDefaults()) {
            client.setMaxConnectionsPerDestination(settings.poolSize());
            client.setIdleTimeout(IDLE_TIMEOUT_MS);
        }
        if (settings.trust() != null) {
            SslContextFactory.Client tls = new SslContextFactory.Client();
            tls.setSslContext(settings.trust().sslContext());
            client.setSslContextFactory(tls);
        }
        client.start();
    }

    private Request get(String url) {
        return client.newRequest(url)
                .headers(h -> h.put(HttpHeader.ACCEPT, RequestHeaders.ACCEPT)
                        .put(HttpHeader.ACCEPT_ENCODING, RequestHeaders.ACCEPT_ENCODING))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public long getFully(String url) throws Exception {
        ContentResponse r = get(url).send();
        if (r.getStatus() != 200) {
            throw RequestHeaders.unexpectedStatus("jetty", r.getStatus(), url);
        }
        return r.getContent().length;
    }

    @Override
    public String protocol(String url) throws Exception {
        HttpVersion v = get(url).send().getVersion();
        return v == HttpVersion.HTTP_2 ? "h2" : v.asString();
    }

    @Override
    public long stream(String url, byte[] buffer) throws Exception {
        InputStreamResponseListener listener = new InputStreamResponseListener();
        get(url).send(listener);
        Response r = listener.get(timeoutMs, TimeUnit.MILLISECONDS);
        try (InputStream in = listener.getInputStream()) {
            if (r.getStatus() != 200) {
                throw RequestHeaders.unexpectedStatus("jetty", r.getStatus(), url);
            }
            return BenchClient.drain(in, buffer);
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping Jetty's HttpClient failed", e);
        }
    }
}
