package dev.spool.bench.clients;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OkHttp 5 with synchronous calls. Its default pool keeps only 5 idle connections for all hosts, which
 * churns connections under 16 threads, so a sized run gets a pool and dispatcher as large as the
 * thread count, as OkHttp's docs advise for that load.
 */
final class OkHttpAdapter implements BenchClient {
    /** OkHttp's own default keep-alive for pooled connections. */
    private static final long KEEP_ALIVE_MINUTES = 5;

    private final OkHttpClient client;

    OkHttpAdapter(ClientSettings settings) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                // HTTP/1.1 unless the workload is HTTP/2's: every client then speaks the same protocol.
                .protocols(settings.http2() ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1));
        if (!settings.libraryDefaults()) {
            b.connectionPool(new ConnectionPool(settings.poolSize(), KEEP_ALIVE_MINUTES, TimeUnit.MINUTES));
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(Math.max(dispatcher.getMaxRequests(), settings.poolSize()));
            dispatcher.setMaxRequestsPerHost(settings.poolSize());
            b.dispatcher(dispatcher);
        }
        if (settings.trust() != null) {
            b.sslSocketFactory(settings.trust().sslContext().getSocketFactory(), settings.trust().trustManager());
        }
        this.client = b.build();
    }

    private static Request get(String url) {
        return new Request.Builder()
                .url(url)
                .header("Accept", RequestHeaders.ACCEPT)
                .header("Accept-Encoding", RequestHeaders.ACCEPT_ENCODING)
                .build();
    }

    @Override
    public long getFully(String url) throws Exception {
        try (Response r = client.newCall(get(url)).execute()) {
            if (r.code() != 200) {
                throw RequestHeaders.unexpectedStatus("okhttp", r.code(), url);
            }
            return r.body().bytes().length;
        }
    }

    @Override
    public String protocol(String url) throws Exception {
        try (Response r = client.newCall(get(url)).execute()) {
            r.body().bytes();
            return r.protocol() == Protocol.HTTP_2 ? "h2" : r.protocol().toString();
        }
    }

    @Override
    public long stream(String url, byte[] buffer) throws Exception {
        try (Response r = client.newCall(get(url)).execute()) {
            if (r.code() != 200) {
                throw RequestHeaders.unexpectedStatus("okhttp", r.code(), url);
            }
            InputStream in = r.body().byteStream();
            return BenchClient.drain(in, buffer);
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
