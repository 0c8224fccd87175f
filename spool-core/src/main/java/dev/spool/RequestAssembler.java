package dev.spool;

import dev.spool.proxy.ProxyConfig;
import dev.spool.tls.TlsConfig;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** A session's request defaults (headers, query parameters, TLS, proxies) and their merging into each request. */
final class RequestAssembler {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Headers headers;
    /** Default query parameters as name/value pairs; replaced whole under {@link #lock}. */
    private volatile List<String[]> params;
    /** The last URL parsed, by its source text: repeated calls to one URL skip parsing (and its garbage). */
    private volatile ParsedUrl lastUrl;
    /** The session's TLS settings, the environment's CA settings applied when it is trusted. */
    private final TlsConfig tls;
    /** The session's proxies, the environment's included when it is trusted. */
    private final ProxyConfig proxies;

    RequestAssembler(Headers headers, List<String[]> params, TlsConfig tls, ProxyConfig proxies) {
        this.headers = headers;
        this.params = params;
        this.tls = tls;
        this.proxies = proxies;
    }

    /** The default headers a session starts with: requests' defaults, with Spool's {@code User-Agent}. */
    static Headers.Builder defaultHeaders() {
        return Headers.builder()
                .add("User-Agent", "spool/" + Version.VERSION)
                .add("Accept-Encoding", Decoding.ACCEPT_ENCODING)
                .add("Accept", "*/*")
                .add("Connection", "keep-alive");
    }

    /** Sets (or with a null value removes) a default header. Thread-safe. */
    void header(String name, String value) {
        Headers.checkName(name);
        if (value != null) {
            Headers.checkValue(name, value);
        }
        lock.lock();
        try {
            headers = headers.with(name, value);
        } finally {
            lock.unlock();
        }
    }

    /** Adds a default query parameter, or with a null value removes those of that name. Thread-safe. */
    void param(String name, String value) {
        lock.lock();
        try {
            params = QueryParams.with(params, name, value);
        } finally {
            lock.unlock();
        }
    }

    /** The default headers sent with every request. */
    Headers headers() {
        return headers;
    }

    /** Merges session defaults with the builder: the one place a request is assembled. */
    Request assemble(RequestBuilder rb) {
        Url url = QueryParams.apply(parse(rb.url()), params, rb.paramList());
        Headers base = headers;
        Headers merged;
        if (rb.headerList().isEmpty()) {
            merged = base;
        } else {
            Headers.Builder hb = base.toBuilder();
            for (String[] h : rb.headerList()) {
                hb.removeAll(h[0]);
            }
            for (String[] h : rb.headerList()) {
                if (h[1] != null) {
                    hb.add(h[0], h[1]);
                }
            }
            merged = hb.build();
        }
        return new Request(rb.method(), url, merged, rb.body(), rb.timeout(), rb.effectiveTls(tls),
                rb.proxyMap() == null ? null : proxies.with(rb.proxyMap()));
    }

    private Url parse(String text) {
        ParsedUrl last = lastUrl;
        if (last != null && last.text.equals(text)) {
            return last.url;
        }
        Url url = Url.parse(text);
        lastUrl = new ParsedUrl(text, url);
        return url;
    }

    /** A URL's source text and its parse (Url is immutable, so sharing it between threads is safe). */
    private static final class ParsedUrl {
        final String text;
        final Url url;

        ParsedUrl(String text, Url url) {
            this.text = text;
            this.url = url;
        }
    }
}
