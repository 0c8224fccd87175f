package dev.spool;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An HTTP response. Unless the request asked to stream, its body is already read and its
 * connection back in the pool; a streamed response holds its connection until the body is read to
 * the end or the response is closed.
 */
public final class Response implements AutoCloseable {
    private final Request request;
    private final int status;
    private final String reason;
    private final Headers headers;
    private final Url url;
    private final List<Response> history;
    private final long elapsedNanos;
    private final ConnectionInfo connection;
    private final Supplier<Timings> timings;

    private final ResponseBody body;
    /** For a redirect that was not followed: the request it leads to (requests' {@code r.next}). */
    private Request nextRequest;

    private Response(Builder b) {
        this.request = b.request;
        this.status = b.status;
        this.reason = b.reason == null ? Reasons.of(b.status) : b.reason;
        this.headers = b.headers;
        this.url = b.url != null ? b.url : b.request.httpUrl();
        this.history = b.history;
        this.elapsedNanos = b.elapsedNanos;
        this.connection = b.connection;
        this.timings = b.timings;
        this.nextRequest = b.nextRequest;
        // Taking a body over, the source gives up its connection, so only this copy closes it.
        this.body = b.bodyOf != null ? b.bodyOf.body.takeOver(request, headers, status)
                : new ResponseBody(request, headers, status, b.stream);
    }

    /**
     * For a streamed response: if the body holds a pooled connection, watch for the response being
     * dropped unclosed, so the connection's slot comes back and the leak is logged with the URL.
     */
    Response watchLeaks() {
        body.watchLeaks();
        return this;
    }

    /**
     * Drops the body of a redirect that is being followed: as {@link #close()} does, an unread
     * remainder is drained so the connection can be reused; reading the body afterwards fails with a
     * message saying it was dropped because the redirect was followed. For stages that follow
     * redirects; a body already read stays readable.
     */
    public void discardBody() {
        body.discard();
    }

    /** Sets the limit on a body held in memory (the session's {@code maxBodySize}). */
    Response limitBody(long max) {
        body.limit(max);
        return this;
    }

    /** A builder for transports that make responses. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts as a copy of this response, for wrappers that change one thing (the
     * redirects that led to it, say). Unless a new body is given, the response it builds takes this
     * one's body over, connection included: this response must not be read or closed afterwards.
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bodyOf = this;
        b.nextRequest = nextRequest;
        b.request = request;
        b.status = status;
        b.reason = reason;
        b.headers = headers;
        b.url = url;
        b.history = history;
        b.elapsedNanos = elapsedNanos;
        b.connection = connection;
        b.timings = timings;
        return b;
    }

    /** The request that produced this response (after redirects, the last one). */
    public Request request() {
        return request;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase as the server sent it (HTTP/1.1 makes it optional; may be empty). */
    public String reason() {
        return reason;
    }

    /** Whether the status is below 400, as in requests; one outside 100-599 is a 5xx (RFC 9110 section 15). */
    public boolean ok() {
        return status >= 100 && status < 400;
    }

    /** Whether this is a redirect with a {@code Location} (301, 302, 303, 307, 308). */
    public boolean isRedirect() {
        return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                && headers.get("Location") != null;
    }

    /** Whether this is a permanent redirect with a {@code Location}: 301 or 308 (requests' {@code is_permanent_redirect}). */
    public boolean isPermanentRedirect() {
        return (status == 301 || status == 308) && headers.get("Location") != null;
    }

    /**
     * The request this redirect leads to, when redirects were not followed (requests' {@code r.next});
     * null for other responses. Send it with {@link Session#send(Request)}. Credentials and cookies the
     * caller set are already removed when it goes to another origin.
     */
    public Request nextRequest() {
        return nextRequest;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** All header fields, in order. */
    public Headers headers() {
        return headers;
    }

    /** The URL that answered (after redirects, the last one). */
    public String url() {
        return url.toString();
    }

    /** The parsed URL that answered. */
    public Url httpUrl() {
        return url;
    }

    /** The redirect responses that led here, oldest first; empty without redirects. */
    public List<Response> history() {
        return history;
    }

    /** Time from sending the request to parsing the response's headers (as requests measures it). */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos);
    }

    /** Which connection served this response, or null when a custom transport gave none. */
    public ConnectionInfo connection() {
        return connection;
    }

    /**
     * Where this response's time went: pool wait, DNS, connect, TLS, time to first byte and total, as
     * curl's {@code -w} reports them; {@link Timings#ZERO} when the transport measured nothing.
     */
    public Timings timings() {
        return timings == null ? Timings.ZERO : timings.get();
    }

    /**
     * Runs {@code action} once the body no longer holds a connection: at its end, when it is closed, or
     * now when it holds none. For the session's end-of-call event.
     */
    void whenBodyDone(Runnable action) {
        body.whenDone(action);
    }

    /**
     * The whole body, decoded (gzip, deflate, and br or zstd when their decoders are present). A
     * streamed body is read now and kept, so later calls return the same bytes.
     *
     * @throws IllegalStateException when the body was already handed out by {@link #inputStream()}
     * @throws BodyTooLargeException when the decoded body is larger than the session's
     *     {@code maxBodySize} (1 GiB by default); the connection is then closed
     */
    public byte[] bytes() {
        return body.bytes();
    }

    /** Reads the whole body and keeps it; used by sessions for non-streamed requests. */
    Response load() {
        bytes();
        return this;
    }

    /** The body as text, in the charset {@link #charset()} names; bytes that are not valid in it become U+FFFD. */
    public String text() {
        return new String(bytes(), charset());
    }

    /**
     * The charset named by the {@code charset} parameter of {@code Content-Type}; UTF-8 when it names
     * none or one the JVM does not know. Unlike requests, which follows RFC 2616's ISO-8859-1 for
     * {@code text/*} without a charset, Spool uses UTF-8 for every type: RFC 7231 dropped that default
     * (appendix B), JSON is UTF-8 (RFC 8259 section 8.1), and UTF-8 is what servers send today.
     */
    public Charset charset() {
        String ct = headers.get("Content-Type");
        if (ct != null) {
            for (String part : ct.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).trim();
                    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                        name = name.substring(1, name.length() - 1);
                    }
                    try {
                        return Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * The body read as JSON into {@code type}, with Jackson (an optional dependency).
     *
     * @throws SpoolException naming the missing artifact when Jackson is not on the class path, or
     *     naming the URL and type when the body is not such JSON
     */
    public <T> T json(Class<T> type) {
        return Json.read(jsonBytes(), type, url());
    }

    /**
     * The body read as a JSON tree of plain Java values, with Jackson (an optional dependency): an
     * object is a {@code Map<String, Object>} in document order, an array a {@code List<Object>},
     * then {@code String}, {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double},
     * {@code Boolean} and {@code null}. No Jackson type appears in Spool's API.
     *
     * @throws SpoolException as {@link #json(Class)} does
     */
    public Object json() {
        return Json.read(jsonBytes(), Object.class, url());
    }

    /**
     * The body for Jackson, which detects UTF-8, UTF-16 and UTF-32 itself; a body in another charset
     * named by {@code Content-Type} is decoded and re-encoded as UTF-8 first.
     */
    private byte[] jsonBytes() {
        Charset cs = charset();
        String name = cs.name();
        if (name.startsWith("UTF-") || cs.equals(StandardCharsets.US_ASCII)) {
            return bytes();
        }
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body as a stream, decoded. For a streamed response the connection returns to the pool at
     * the end of the stream, or when the stream or response is closed.
     *
     * @throws IllegalStateException when a streamed body was already consumed
     */
    public InputStream inputStream() {
        return body.inputStream();
    }

    /**
     * The body's lines (text decoded by {@link #charset()}, split at LF, CR or CRLF), read lazily as
     * the stream is consumed; close the stream when done. A line longer than the session's
     * {@code maxBodySize} fails with {@link BodyTooLargeException}; errors reading the body come
     * out as Spool's exceptions.
     */
    public Stream<String> lines() {
        return body.lines(charset());
    }

    /**
     * Throws {@link HttpStatusException} unless {@link #ok()} (4xx, 5xx, outside 100-599); returns this response otherwise.
     */
    public Response raiseForStatus() {
        if (!ok()) {
            throw new HttpStatusException(this);
        }
        return this;
    }

    /**
     * Frees the connection: at once when the body was read; else an unread remainder of up to 64 KiB
     * is drained to keep the connection, and a larger one closes it. Idempotent.
     */
    @Override
    public void close() {
        body.close();
    }

    @Override
    public String toString() {
        return "<Response [" + status + "]> " + url.withoutUserInfo();
    }

    /** Assembles a response; for transports. */
    public static final class Builder {
        private Request request;
        private int status = -1;
        private String reason;
        private Headers headers = Headers.EMPTY;
        private Url url;
        private List<Response> history = List.of();
        private long elapsedNanos;
        private ConnectionInfo connection;
        private Supplier<Timings> timings;
        private InputStream stream;
        /** The response whose body the built one takes over ({@link Response#toBuilder()}), or null. */
        private Response bodyOf;
        private Request nextRequest;

        private Builder() {
        }

        /** The request answered (required). */
        public Builder request(Request request) {
            this.request = request;
            return this;
        }

        /** The status code (required): 100 to 599, or any three digits a server sent (see {@link Response#ok()}). */
        public Builder status(int status) {
            this.status = status;
            return this;
        }

        /** The reason phrase; by default the standard one for the status. */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** The header fields. */
        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /** The URL that answered; by default the request's. */
        public Builder url(Url url) {
            this.url = url;
            return this;
        }

        /** Responses of the redirects before this one. */
        public Builder history(List<Response> history) {
            this.history = List.copyOf(history);
            return this;
        }

        /** Time from sending to the response headers. */
        public Builder elapsed(Duration elapsed) {
            this.elapsedNanos = elapsed.toNanos();
            return this;
        }

        /** Time from sending to the response headers, in nanoseconds. */
        public Builder elapsedNanos(long nanos) {
            this.elapsedNanos = nanos;
            return this;
        }

        /** Which connection served the response. */
        public Builder connection(ConnectionInfo connection) {
            this.connection = connection;
            return this;
        }

        /**
         * Where the response's time went; asked each time {@link Response#timings()} is called, so a
         * transport can report a streamed body's total once it ends.
         */
        public Builder timings(Supplier<Timings> timings) {
            this.timings = timings;
            return this;
        }

        /** A body already in memory (still encoded as {@code Content-Encoding} says). */
        public Builder body(byte[] bytes) {
            this.stream = new ByteArrayInputStream(bytes);
            this.bodyOf = null;
            return this;
        }

        /** A streamed body (still encoded as {@code Content-Encoding} says); closing it frees the connection. */
        public Builder body(InputStream stream) {
            this.stream = stream;
            this.bodyOf = null;
            return this;
        }

        /**
         * For a redirect that is not followed, the request it leads to ({@link Response#nextRequest()});
         * null for none.
         */
        public Builder nextRequest(Request next) {
            this.nextRequest = next;
            return this;
        }

        /** Builds the response. */
        public Response build() {
            Objects.requireNonNull(request, "request");
            if (status < 0 || status > 999) {
                throw new IllegalStateException("status " + status + " is not a valid HTTP status");
            }
            return new Response(this);
        }
    }
}
