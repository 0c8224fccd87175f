package dev.spool.bench.clients;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.H2AsyncClientBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5's HTTP/2 client ({@link H2AsyncClientBuilder}: one multiplexed connection per
 * route, h2 by ALPN over TLS), called the blocking way its examples show: execute, then wait on the
 * future. Whole bodies only; the HTTP/2 workloads do not stream.
 */
final class ApacheH2Adapter implements BenchClient {
    private final CloseableHttpAsyncClient client;
    private final long timeoutMs;

    ApacheH2Adapter(ClientSettings settings) {
        Timeout timeout = Timeout.of(settings.timeout());
        H2AsyncClientBuilder b = H2AsyncClientBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build());
        if (settings.trust() != null) {
            b.setTlsStrategy(ClientTlsStrategyBuilder.create()
                    .setSslContext(settings.trust().sslContext())
                    .buildAsync());
        }
        this.client = b.build();
        this.timeoutMs = settings.timeout().toMillis();
        client.start();
    }

    private static SimpleHttpRequest get(String url) {
        return SimpleRequestBuilder.get(url)
                .setHeader("Accept", RequestHeaders.ACCEPT)
                .setHeader("Accept-Encoding", RequestHeaders.ACCEPT_ENCODING)
                .build();
    }

    private SimpleHttpResponse send(String url, HttpClientContext context) throws Exception {
        Future<SimpleHttpResponse> f = client.execute(get(url), context, null);
        SimpleHttpResponse r = f.get(timeoutMs, TimeUnit.MILLISECONDS);
        if (r.getCode() != 200) {
            throw RequestHeaders.unexpectedStatus("apache", r.getCode(), url);
        }
        return r;
    }

    @Override
    public long getFully(String url) throws Exception {
        return send(url, null).getBodyBytes().length;
    }

    @Override
    public String protocol(String url) throws Exception {
        HttpClientContext context = HttpClientContext.create();
        SimpleHttpResponse r = send(url, context);
        ProtocolVersion v = r.getVersion() != null ? r.getVersion() : context.getProtocolVersion();
        return HttpVersion.HTTP_2.equals(v) ? "h2" : String.valueOf(v);
    }

    @Override
    public long stream(String url, byte[] buffer) {
        throw new UnsupportedOperationException("the Apache HTTP/2 adapter reads whole bodies only");
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
