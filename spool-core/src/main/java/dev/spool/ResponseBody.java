package dev.spool;

import dev.spool.internal.Abandonable;
import dev.spool.internal.ContentLength;
import dev.spool.internal.connection.Failures;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.stream.Stream;

/**
 * The body of a {@link Response}: read once, either buffered whole or handed out as one stream,
 * decoded as its {@code Content-Encoding} says, within the session's size limit, and holding the
 * connection (when it streams from one) until it ends or is closed.
 */
final class ResponseBody {
    private final Request request;
    private final Headers headers;
    private final int status;
    // Exactly one of bytes / raw is the source; streamHandedOut says a stream was handed out.
    private byte[] bytes;
    private InputStream raw;
    private boolean streamHandedOut;
    /** Set when the body was drained and dropped because this was a redirect that was followed. */
    private boolean discarded;
    /** The most bytes {@link #bytes()} holds and the longest line {@link #lines} reads; the session sets it. */
    private long maxBodySize = BodyReader.DEFAULT_MAX_BODY_SIZE;

    /**
     * A body streaming from {@code stream} (still encoded), or an empty one already read when it is null.
     */
    ResponseBody(Request request, Headers headers, int status, InputStream stream) {
        this.request = request;
        this.headers = headers;
        this.status = status;
        this.bytes = stream == null ? new byte[0] : null;
        this.raw = stream;
    }

    /** A copy for a response built from this one's; this one gives up its stream, so only the copy closes it. */
    ResponseBody takeOver(Request newRequest, Headers newHeaders, int newStatus) {
        ResponseBody b = new ResponseBody(newRequest, newHeaders, newStatus, null);
        b.bytes = bytes;
        b.raw = raw;
        b.streamHandedOut = streamHandedOut;
        b.discarded = discarded;
        b.maxBodySize = maxBodySize;
        raw = null;
        return b;
    }

    void limit(long max) {
        maxBodySize = max;
    }

    /** Watches for the response being dropped unclosed while the body holds a pooled connection. */
    void watchLeaks() {
        InputStream r = raw;
        if (r instanceof Abandonable && ((Abandonable) r).holdsResource()) {
            ((Abandonable) r).watchLeaks(request.toString());
        }
    }

    /** Drops a followed redirect's body: drained as on close, then unreadable with a message saying why. */
    void discard() {
        if (bytes == null) {
            discarded = true;
        }
        close();
    }

    /** Runs {@code action} once the body no longer holds a connection (now, if it holds none). */
    void whenDone(Runnable action) {
        InputStream r = raw;
        if (r instanceof Abandonable && ((Abandonable) r).whenReleased(action)) {
            return;
        }
        action.run();
    }

    /** The whole body, decoded; read now and kept if it streams. See {@link Response#bytes()}. */
    byte[] bytes() {
        if (bytes == null) {
            checkNotDiscarded();
            if (raw == null || streamHandedOut) {
                throw new IllegalStateException("the body of " + request + " was already consumed through inputStream() or lines()");
            }
            try (InputStream in = Decoding.decode(raw, headers, request)) {
                boolean encoded = !Decoding.codings(headers).isEmpty();
                bytes = BodyReader.readAll(in, encoded ? -1 : declaredLength(), maxBodySize, describe());
            } catch (IOException e) {
                throw Failures.body(e, request);
            } finally {
                close();
            }
        }
        return bytes;
    }

    /** The body as a stream, decoded. See {@link Response#inputStream()}. */
    InputStream inputStream() {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        checkNotDiscarded();
        if (raw == null || streamHandedOut) {
            throw new IllegalStateException("the body of " + request + " was already consumed; it can be read once when streamed");
        }
        streamHandedOut = true;
        try {
            return Decoding.decode(raw, headers, request);
        } catch (IOException e) {
            close();
            throw Failures.body(e, request);
        }
    }

    /** The body's lines in {@code charset}. See {@link Response#lines()}. */
    Stream<String> lines(Charset charset) {
        InputStream in = new BodyReader.LineGuard(inputStream(), maxBodySize, describe());
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset));
        return reader.lines().onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Frees the connection (draining a small remainder); idempotent. */
    void close() {
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

    private void checkNotDiscarded() {
        if (discarded) {
            throw new IllegalStateException("the body of " + request + " was drained and dropped: this " + status
                    + " redirect was followed (it is in the final response's history()), and its body was read off"
                    + " the connection so the connection could be reused");
        }
    }

    /** The Content-Length of the body, or -1 when absent or not a plain number. */
    private long declaredLength() {
        return ContentLength.of(headers.get("Content-Length"));
    }

    /** The request and the codings of its body, for errors about the body's size. */
    private String describe() {
        List<String> codings = headers.all("Content-Encoding");
        return request + (codings.isEmpty() ? "" : " (Content-Encoding: " + String.join(", ", codings) + ")");
    }
}
