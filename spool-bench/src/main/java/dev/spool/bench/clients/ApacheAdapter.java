package dev.spool.bench.clients;

import java.io.InputStream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5 classic (blocking) API over a {@code PoolingHttpClientConnectionManager}, with
 * response handlers so that every connection goes back to the pool, as its docs recommend.
 */
final class ApacheAdapter implements BenchClient {
    private final CloseableHttpClient client;

    ApacheAdapter(ClientSettings settings) {
        Timeout timeout = Timeout.of(settings.timeout());
        PoolingHttpClientConnectionManagerBuilder cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .build());
        if (!settings.libraryDefaults()) {
            // The defaults (5 per route, 25 in all) would make 11 of 16 threads wait for a connection.
            cm.setMaxConnPerRoute(settings.poolSize()).setMaxConnTotal(settings.poolSize());
        }
        if (settings.trust() != null) {
            cm.setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                    .setSslContext(settings.trust().sslContext())
                    .buildClassic());
        }
        this.client = HttpClients.custom().setConnectionManager(cm.build()).build();
    }

    private static HttpGet get(String url) {
        HttpGet get = new HttpGet(url);
        get.setHeader("Accept", RequestHeaders.ACCEPT);
        get.setHeader("Accept-Encoding", RequestHeaders.ACCEPT_ENCODING);
        return get;
    }

    @Override
    public long getFully(String url) throws Exception {
        byte[] body = client.execute(get(url), response -> {
            if (response.getCode() != 200) {
                throw RequestHeaders.unexpectedStatus("apache", response.getCode(), url);
            }
            return EntityUtils.toByteArray(response.getEntity());
        });
        return body.length;
    }

    @Override
    public String protocol(String url) throws Exception {
        return client.execute(get(url), response -> {
            EntityUtils.consume(response.getEntity());
            return response.getVersion().format().toLowerCase(java.util.Locale.ROOT);
        });
    }

    @Override
    public long stream(String url, byte[] buffer) throws Exception {
        return client.execute(get(url), response -> {
            if (response.getCode() != 200) {
                throw RequestHeaders.unexpectedStatus("apache", response.getCode(), url);
            }
            try (InputStream in = response.getEntity().getContent()) {
                return BenchClient.drain(in, buffer);
            }
        });
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
