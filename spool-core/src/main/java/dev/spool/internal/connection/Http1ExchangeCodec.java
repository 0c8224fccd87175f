package dev.spool.internal.connection;

import dev.spool.Body;
import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Url;
import dev.spool.internal.http1.HeaderLimits;
import dev.spool.internal.http1.Http1Exception;
import dev.spool.internal.http1.RequestEncoder;
import dev.spool.internal.http1.ResponseParser;
import java.io.IOException;

/**
 * HTTP/1.1 over one {@link Wire}: the I/O-free encoder and parser of {@code internal.http1}, and the
 * one loop that moves bytes between the wire and the parser. One exchange at a time; a body read
 * with a large enough array goes from the socket straight into it.
 */
public final class Http1ExchangeCodec implements ExchangeCodec, ExchangeCarrier {
    /** Reads at least this large go straight from the socket into the caller's array. */
    static final int DIRECT_READ_MIN = 8 * 1024;

    private final Wire wire;
    private final Connection connection;
    private final ResponseParser parser = new ResponseParser(HeaderLimits.DEFAULT);
    private final RequestEncoder encoder = new RequestEncoder();
    private byte[] pendArray;
    private int pendOffset;
    private int pendLength;
    private long delivered;
    /** False once the exchange rules out another on this connection (a held body never sent). */
    private boolean mayReuse;
    /** Whether {@link #awaitContinue} already read the final head. */
    private boolean headRead;

    /** A codec over a connection (the connector makes one per HTTP/1.1 connection). */
    public Http1ExchangeCodec(Connection connection) {
        this(connection, connection);
    }

    /**
     * A codec over any wire; {@code connection}, when not null, is closed by {@link #cancel()} and
     * supplies the proxy facts of the request head.
     */
    Http1ExchangeCodec(Wire wire, Connection connection) {
        this.wire = wire;
        this.connection = connection;
    }

    @Override
    public String protocol() {
        return "http/1.1";
    }

    @Override
    public int maxConcurrentExchanges() {
        return 1;
    }

    @Override
    public boolean isMultiplexed() {
        return false;
    }

    /** The same codec for every exchange: HTTP/1.1 carries one at a time. */
    @Override
    public ExchangeCodec newExchange() {
        return this;
    }

    @Override
    public void start(Request request, int timeoutMillis) {
        wire.readTimeout(timeoutMillis);
        parser.startResponse(request.method().equals("HEAD"));
        pendLength = 0;
        delivered = 0;
        mayReuse = true;
        headRead = false;
    }

    @Override
    public boolean writeRequestHead(Request request, boolean holdBody) throws IOException {
        return RequestWriter.writeHead(wire, encoder, request, requestTarget(request), proxyHeaders(request.headers()),
                holdBody);
    }

    @Override
    public void writeRequestBody(Body body) throws IOException {
        RequestWriter.writeBody(wire, encoder, body);
    }

    @Override
    public boolean awaitContinue(int waitMillis, Exchange ex) throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            ResponseParser.Event ev = parser.next();
            if (ev == ResponseParser.Event.HEAD) {
                mayReuse = false; // the server answered without reading the body we did not send
                headRead = true;
                return false;
            }
            if (ev == ResponseParser.Event.INFORMATIONAL) {
                if (parser.status() == 100) {
                    return true;
                }
                continue; // 103 Early Hints and the like: keep waiting
            }
            if (ev != ResponseParser.Event.NEED_DATA) {
                throw new Http1Exception("unexpected " + ev + " while waiting for 100 Continue");
            }
            long left = deadline - System.nanoTime();
            // Rounded up: the wait never ends before its bound (a truncated 299.9 ms would).
            if (left <= 0 || fill((int) ((left + 999_999) / 1_000_000), ex) == Wire.NOTHING_YET) {
                return true; // silence: send the body anyway, as curl does after its wait
            }
        }
    }

    @Override
    public void readResponseHead(Exchange ex) throws IOException {
        while (!headRead) {
            ResponseParser.Event ev = parser.next();
            switch (ev) {
                case HEAD:
                    headRead = true;
                    break;
                case NEED_DATA:
                    fill(0, ex);
                    break;
                case INFORMATIONAL:
                    break; // interim responses (100, 103) are skipped
                default:
                    throw new Http1Exception("unexpected " + ev + " before the response head");
            }
        }
    }

    /**
     * Reads what the wire has into the parser's buffer: one read, or one that waits at most
     * {@code waitMillis} when that is positive. The EOF is told to the parser.
     */
    private int fill(int waitMillis, Exchange ex) throws IOException {
        byte[] buf = parser.inputBuffer(1024);
        int off = parser.inputOffset();
        int space = parser.inputSpace();
        int n = waitMillis > 0 ? wire.readWithin(buf, off, space, waitMillis) : wire.read(buf, off, space);
        if (n == Wire.NOTHING_YET) {
            return n;
        }
        if (n < 0) {
            parser.feedEof();
            return -1;
        }
        if (ex != null) {
            ex.bytesArrived();
        }
        parser.inputWritten(n);
        return n;
    }

    @Override
    public int status() {
        return parser.status();
    }

    @Override
    public String reason() {
        return parser.reason();
    }

    @Override
    public Headers headers() {
        return parser.headers();
    }

    @Override
    public long contentLength() {
        return parser.framing() == ResponseParser.Framing.CONTENT_LENGTH ? parser.contentLength() : -1;
    }

    @Override
    public boolean hasBody() {
        return parser.framing() != ResponseParser.Framing.NONE;
    }

    @Override
    public long keepAliveSeconds() {
        return parser.keepAliveTimeoutSeconds();
    }

    @Override
    public int readBody(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (pendLength > 0) {
                int n = Math.min(len, pendLength);
                System.arraycopy(pendArray, pendOffset, b, off, n);
                pendOffset += n;
                pendLength -= n;
                delivered += n;
                return n;
            }
            if (len >= DIRECT_READ_MIN) {
                long direct = parser.directBodyLimit();
                if (direct > 0) {
                    int n = wire.read(b, off, (int) Math.min(len, direct));
                    if (n < 0) {
                        parser.feedEof();
                        continue;
                    }
                    parser.directBodyRead(n);
                    delivered += n;
                    return n;
                }
            }
            switch (parser.next()) {
                case BODY:
                    pendArray = parser.bodyArray();
                    pendOffset = parser.bodyOffset();
                    pendLength = parser.bodyLength();
                    break;
                case NEED_DATA:
                    // Parsing may have just reached body bytes still in the socket (a chunk's data after
                    // its size line): those go straight into the caller's array, not through our buffer.
                    if (len < DIRECT_READ_MIN || parser.directBodyLimit() == 0) {
                        fill(0, null);
                    }
                    break;
                case END:
                    return -1;
                default:
                    throw new Http1Exception("unexpected response event while reading a body");
            }
        }
    }

    @Override
    public boolean drain(long maxBytes, long deadlineNanos) throws IOException {
        if (parser.framing() == ResponseParser.Framing.UNTIL_CLOSE) {
            return false; // such a connection cannot be reused anyway
        }
        if (parser.framing() == ResponseParser.Framing.CONTENT_LENGTH && parser.contentLength() - delivered > maxBytes) {
            return false; // too much left to be worth reading
        }
        long drained = pendLength;
        pendLength = 0;
        while (drained <= maxBytes) {
            switch (parser.next()) {
                case BODY:
                    drained += parser.bodyLength();
                    break;
                case NEED_DATA: {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0 || fill(Math.max(1, (int) (left / 1_000_000)), null) == Wire.NOTHING_YET) {
                        return false;
                    }
                    break;
                }
                case END:
                    return true;
                default:
                    return false;
            }
        }
        return false;
    }

    /**
     * Whether the connection may carry another request now that its response has ended: the response
     * allows it (RFC 9112 section 9.3), and nothing arrived beyond its end, neither in the parser's
     * buffer nor waiting in the socket. Spool never pipelines, so such bytes were not asked for; kept,
     * they would be parsed as the answer to the next request (response queue poisoning, as when a
     * body is longer than its Content-Length), and the reuse check that would notice is skipped for a
     * hot connection.
     */
    @Override
    public boolean reusable() {
        return mayReuse && parser.keepAlive() && parser.buffered() == 0 && !wire.hasUnreadBytes();
    }

    @Override
    public dev.spool.CloseReason whyNotReusable() {
        if (!mayReuse || parser.keepAlive() || parser.buffered() != 0) {
            return dev.spool.CloseReason.NOT_REUSABLE; // bytes beyond the response's end
        }
        dev.spool.Headers h = headers();
        String connection = h == null ? null : h.get("Connection");
        return connection != null && connection.toLowerCase(java.util.Locale.ROOT).contains("close")
                ? dev.spool.CloseReason.CONNECTION_CLOSE : dev.spool.CloseReason.NOT_REUSABLE;
    }

    @Override
    public boolean receivedAnything() {
        return parser.bytesReceived() != 0;
    }

    @Override
    public void cancel() {
        if (connection != null) {
            // The TCP channel alone, as a write timeout does: closing a TLS socket would first try to
            // send close_notify, which blocks behind a write stuck in a full buffer.
            connection.abort();
        }
    }

    /**
     * The request target to write: absolute-form when an HTTP proxy forwards the request (RFC 9112
     * section 3.2.2; user info and fragment are never sent), else origin-form.
     */
    @Override
    public String requestTarget(Request request) {
        Url url = request.httpUrl();
        return connection != null && connection.forwardsToProxy()
                ? url.scheme() + "://" + url.authority() + url.target() : url.target();
    }

    /**
     * The headers to send: {@code Proxy-Authorization} goes only to a proxy that forwards the request
     * (the proxy URL's credentials replacing one the caller set); on a direct connection, a CONNECT
     * tunnel or SOCKS it is removed, so it never reaches an origin server (CVE-2023-32681).
     */
    private Headers proxyHeaders(Headers headers) {
        boolean forward = connection != null && connection.forwardsToProxy();
        String auth = connection == null ? null : connection.forwardAuthorization();
        if (forward && auth != null) {
            return headers.minus("Proxy-Authorization").plus("Proxy-Authorization", auth);
        }
        if (!forward && headers.contains("Proxy-Authorization")) {
            return headers.minus("Proxy-Authorization");
        }
        return headers;
    }
}
