package dev.spool.testkit;

import java.nio.charset.StandardCharsets;

/**
 * One request as {@link MockServer} received it: request line, headers, de-chunked body, and which
 * TCP connection carried it.
 */
public final class RecordedRequest {
    private final String method;
    private final String target;
    private final String version;
    private final RecordedHeaders headers;
    private final byte[] body;
    private final long bodySize;
    private final boolean chunked;
    private final RecordedHeaders trailers;
    private final int connectionIndex;
    private final int sequenceOnConnection;
    private final int remotePort;
    private final boolean tls;

    RecordedRequest(RequestHead head, RequestBody body, int connectionIndex, int sequenceOnConnection,
                    int remotePort, boolean tls) {
        this.method = head.method;
        this.target = head.target;
        this.version = head.version;
        this.headers = head.headers;
        this.body = body.bytes;
        this.bodySize = body.size;
        this.chunked = head.chunked;
        this.trailers = body.trailers;
        this.connectionIndex = connectionIndex;
        this.sequenceOnConnection = sequenceOnConnection;
        this.remotePort = remotePort;
        this.tls = tls;
    }

    /** The method, as sent ({@code GET}, {@code POST}...). */
    public String method() {
        return method;
    }

    /** The request target exactly as sent: {@code /a/b?q=1}, or an absolute URL, or {@code host:port}, or {@code *}. */
    public String target() {
        return target;
    }

    /**
     * The path of the target, without the query: for an absolute-form target (as sent to a proxy)
     * the path of that URL, {@code /} when it has none; for the authority and asterisk forms the
     * target itself.
     */
    public String path() {
        String t = target;
        if (!t.startsWith("/")) {
            int scheme = t.indexOf("://");
            if (scheme < 0) {
                return t;
            }
            int slash = t.indexOf('/', scheme + 3);
            int question = t.indexOf('?', scheme + 3);
            if (slash < 0 || (question >= 0 && question < slash)) {
                return "/";
            }
            t = t.substring(slash);
        }
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    /** The query of the target (after {@code ?}, still percent-encoded), or null when there is none. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    /** The protocol version of the request line, {@code HTTP/1.1} or {@code HTTP/1.0}. */
    public String version() {
        return version;
    }

    /** The header fields in arrival order. */
    public RecordedHeaders headers() {
        return headers;
    }

    /** The first value of a header field (case-insensitive), or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /**
     * The body bytes, de-chunked (a copy). Bodies longer than {@link MockServer#recordBodyLimit(int)}
     * keep only their first bytes here; {@link #bodySize()} always has the full length.
     */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The number of body bytes received (after de-chunking), even when more than were kept. */
    public long bodySize() {
        return bodySize;
    }

    /** Whether the body was sent with {@code Transfer-Encoding: chunked}. */
    public boolean chunked() {
        return chunked;
    }

    /** The trailer fields after a chunked body; empty otherwise. */
    public RecordedHeaders trailers() {
        return trailers;
    }

    /** The 1-based number of the TCP connection that carried this request, in accept order. */
    public int connectionIndex() {
        return connectionIndex;
    }

    /** The 1-based position of this request among those on its connection: 1 for the first. */
    public int sequenceOnConnection() {
        return sequenceOnConnection;
    }

    /** The client's port of the connection (its local port). */
    public int remotePort() {
        return remotePort;
    }

    /** Whether the request came over TLS. */
    public boolean tls() {
        return tls;
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version + " (connection " + connectionIndex + ", request "
                + sequenceOnConnection + " on it, " + bodySize + " body bytes" + (chunked ? ", chunked" : "") + ")";
    }
}
