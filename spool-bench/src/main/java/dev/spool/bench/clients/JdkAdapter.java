package dev.spool.bench.clients;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The JDK's {@code java.net.http.HttpClient}, forced to HTTP/1.1 (or, for the HTTP/2 workloads, set
 * to {@code HTTP_2}, which it negotiates by ALPN). Its connection pool has no size
 * setting per client (only the JVM-wide {@code jdk.httpclient.connectionPoolSize}, unlimited by
 * default), so nothing is sized here.
 */
final class JdkAdapter implements BenchClient {
    private final HttpClient client;
    private final Duration timeout;

    JdkAdapter(ClientSettings settings) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(settings.http2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout());
        if (settings.trust() != null) {
            b.sslContext(settings.trust().sslContext());
        }
        this.client = b.build();
        this.timeout = settings.timeout();
    }

    private HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", RequestHeaders.ACCEPT)
                .header("Accept-Encoding", RequestHeaders.ACCEPT_ENCODING)
                .GET()
                .build();
    }

    @Override
    public long getFully(String url) throws Exception {
        HttpResponse<byte[]> r = client.send(get(url), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw RequestHeaders.unexpectedStatus("jdk", r.statusCode(), url);
        }
        return r.body().length;
    }

    @Override
    public String protocol(String url) throws Exception {
        HttpResponse<byte[]> r = client.send(get(url), HttpResponse.BodyHandlers.ofByteArray());
        return r.version() == HttpClient.Version.HTTP_2 ? "h2" : r.version().toString();
    }

    @Override
    public long stream(String url, byte[] buffer) throws Exception {
        HttpResponse<InputStream> r = client.send(get(url), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw RequestHeaders.unexpectedStatus("jdk", r.statusCode(), url);
            }
            return BenchClient.drain(in, buffer);
        }
    }

    @Override
    public void close() {
        // HttpClient is AutoCloseable from JDK 21 on; this module compiles for 17, hence the check.
        Object c = client;
        if (c instanceof AutoCloseable) {
            try {
                ((AutoCloseable) c).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the JDK HttpClient failed", e);
            }
        }
    }
}
