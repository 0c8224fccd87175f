package dev.spool;

import dev.spool.internal.Abandonable;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

    // Body state. Exactly one of bytes / raw is the source; consumed says a stream was handed out.
    private byte[] bytes;
    private InputStream raw;
    private boolean streamHandedOut;

    private Response(Builder b) {
        this.request = b.request;
        this.status = b.status;
        this.reason = b.reason == null ? Reasons.of(b.status) : b.reason;
        this.headers = b.headers;
        this.url = b.url != null ? b.url : b.request.httpUrl();
        this.history = b.history;
        this.elapsedNanos = b.elapsedNanos;
        this.connection = b.connection;
        this.bytes = b.bytes;
        this.raw = b.stream;
    }

    /**
     * For a streamed response: if the body holds a pooled connection, watch for the response being
     * dropped unclosed, so the connection's slot comes back and the leak is logged with the URL.
     */
    Response watchLeaks() {
        InputStream r = raw;
        if (r instanceof Abandonable && ((Abandonable) r).holdsResource()) {
            ((Abandonable) r).watchLeaks(request.toString());
        }
        return this;
    }

    /** A builder for transports that make responses. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts as a copy of this response's head, for wrappers that change one thing. */
    Builder toBuilderHead() {
        Builder b = new Builder();
        b.request = request;
        b.status = status;
        b.reason = reason;
        b.headers = headers;
        b.url = url;
        b.history = history;
        b.elapsedNanos = elapsedNanos;
        b.connection = connection;
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

    /** Whether the status is below 400, as in requests. */
    public boolean ok() {
        return status < 400;
    }

    /** Whether this is a redirect with a {@code Location} (301, 302, 303, 307, 308). */
    public boolean isRedirect() {
        return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                && headers.get("Location") != null;
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
     * The whole body, decoded (gzip, deflate). A streamed body is read now and kept, so later calls
     * return the same bytes.
     *
     * @throws IllegalStateException when the body was already handed out by {@link #inputStream()}
     */
    public byte[] bytes() {
        if (bytes == null) {
            if (raw == null || streamHandedOut) {
                throw new IllegalStateException("the body of " + request + " was already consumed through inputStream() or lines()");
            }
            try (InputStream in = Decoding.decode(raw, headers)) {
                bytes = in == raw ? readExactly(raw) : in.readAllBytes();
            } catch (IOException e) {
                throw IoErrors.translate(e, request);
            } finally {
                closeRaw();
            }
        }
        return bytes;
    }

    /**
     * Reads an undecoded body. When its length is known it goes straight into one array of that size
     * (readAllBytes would fill 16 KiB buffers and copy them: the bulk of a small request's garbage).
     */
    private static byte[] readExactly(InputStream raw) throws IOException {
        long known = raw instanceof Abandonable ? ((Abandonable) raw).remainingLength() : -1;
        if (known < 0 || known > Integer.MAX_VALUE - 8) {
            return raw.readAllBytes();
        }
        byte[] out = new byte[(int) known];
        int n = raw.readNBytes(out, 0, out.length);
        if (n != out.length) {
            throw new java.io.EOFException("body ended after " + n + " of " + known + " bytes");
        }
        if (raw.read() != -1) { // reaches the end of the message, which gives the connection back
            throw new IOException("body is longer than its Content-Length");
        }
        return out;
    }

    /** Reads the whole body and keeps it; used by sessions for non-streamed requests. */
    Response load() {
        bytes();
        return this;
    }

    /** The body as text, in the charset of {@code Content-Type}, else UTF-8 (JSON's and the common default). */
    public String text() {
        return new String(bytes(), charset());
    }

    /** The charset named by {@code Content-Type}, or UTF-8 when it names none or an unknown one. */
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

    /** The body read as JSON into {@code type}, with Jackson (an optional dependency). */
    public <T> T json(Class<T> type) {
        return Json.read(bytes(), type, url());
    }

    /**
     * The body as a stream, decoded. For a streamed response the connection returns to the pool at
     * the end of the stream, or when the stream or response is closed.
     *
     * @throws IllegalStateException when a streamed body was already consumed
     */
    public InputStream inputStream() {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        if (raw == null || streamHandedOut) {
            throw new IllegalStateException("the body of " + request + " was already consumed; it can be read once when streamed");
        }
        streamHandedOut = true;
        try {
            InputStream decoded = Decoding.decode(raw, headers);
            return decoded == raw ? raw : new TranslatedBodyStream(decoded, request);
        } catch (IOException e) {
            closeRaw();
            throw IoErrors.translate(e, request);
        }
    }

    /** The body's lines (text decoded by {@link #charset()}), read lazily; close the stream when done. */
    public Stream<String> lines() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(inputStream(), charset()));
        return reader.lines().onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Throws {@link HttpStatusException} for a 4xx or 5xx status; returns this response otherwise.
     */
    public Response raiseForStatus() {
        if (status >= 400) {
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
        closeRaw();
    }

    private void closeRaw() {
        InputStream r = raw;
        if (r != null) {
            raw = null;
            try {
                r.close();
            } catch (IOException e) {
                // closing a body stream releases or discards its connection; nothing useful to report
            }
            if (bytes == null && !streamHandedOut) {
                streamHandedOut = true;
            }
        }
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
        private byte[] bytes;
        private InputStream stream;

        private Builder() {
        }

        /** The request answered (required). */
        public Builder request(Request request) {
            this.request = request;
            return this;
        }

        /** The status code, 100 to 599 (required). */
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

        /** A body already in memory (still encoded as {@code Content-Encoding} says). */
        public Builder body(byte[] bytes) {
            this.bytes = null;
            this.stream = new ByteArrayInputStream(bytes);
            return this;
        }

        /** A streamed body (still encoded as {@code Content-Encoding} says); closing it frees the connection. */
        public Builder body(InputStream stream) {
            this.bytes = null;
            this.stream = stream;
            return this;
        }

        /** Builds the response. */
        public Response build() {
            Objects.requireNonNull(request, "request");
            if (status < 100 || status > 999) {
                throw new IllegalStateException("status " + status + " is not a valid HTTP status");
            }
            if (stream == null && bytes == null) {
                bytes = new byte[0];
            }
            return new Response(this);
        }
    }
}
