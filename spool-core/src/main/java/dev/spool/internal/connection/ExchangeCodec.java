package dev.spool.internal.connection;

import dev.spool.Body;
import dev.spool.Headers;
import dev.spool.Request;
import java.io.IOException;

/**
 * Speaks one HTTP version over a {@link Connection} for one exchange at a time: writes the request
 * head and body, reads the response head and body, and says whether the connection can carry the
 * next exchange. The transport drives it in this order: {@link #start}, {@link #writeRequestHead},
 * then {@link #awaitContinue} and {@link #writeRequestBody} if the body was held, {@link #readResponseHead},
 * then {@link #readBody} to its end (or {@link #drain}), then {@link #reusable()}.
 * Failures surface as {@link IOException}s, translated by {@link Failures}.
 */
public interface ExchangeCodec {
    /** The protocol's ALPN identifier: {@code http/1.1} (or {@code h2}). */
    String protocol();

    /** The HTTP/2 stream of this exchange, or 0 for HTTP/1.1. */
    default int streamId() {
        return 0;
    }

    /** Begins an exchange: the reads and writes that follow are bounded by {@code timeoutMillis}. */
    void start(Request request, int timeoutMillis);

    /**
     * Writes the request head, and the body with it unless {@code holdBody} (for
     * {@code Expect: 100-continue}).
     *
     * @return whether the body is still to be written
     */
    boolean writeRequestHead(Request request, boolean holdBody) throws IOException;

    /** Writes the request body after its head. */
    void writeRequestBody(Body body) throws IOException;

    /**
     * Waits up to {@code waitMillis} for the answer to {@code Expect: 100-continue} (RFC 9110 section
     * 10.1.1), never closing the connection for want of one.
     *
     * @return true to send the body (a {@code 100 Continue} came, or nothing did within the wait); false
     *     when a final response head came instead, which {@link #readResponseHead} then returns
     */
    boolean awaitContinue(int waitMillis, Exchange ex) throws IOException;

    /** Reads the final response head, skipping interim (1xx) responses, telling {@code ex} of the first byte. */
    void readResponseHead(Exchange ex) throws IOException;

    /** The status code of the response head just read. */
    int status();

    /** The reason phrase of the response head just read. */
    String reason();

    /** The header fields of the response head just read. */
    Headers headers();

    /** The body's length when its framing gives one, else -1. */
    long contentLength();

    /** Whether a body follows the head (false for HEAD, 204, 304 and the like). */
    boolean hasBody();

    /** The server's {@code Keep-Alive: timeout=N} in seconds, or -1. */
    long keepAliveSeconds();

    /** Reads body bytes: how many, or -1 at the body's end. */
    int readBody(byte[] b, int off, int len) throws IOException;

    /**
     * The rest of the body in one array, taken as it is when it has already arrived whole (its end
     * included) as one piece of exactly {@code length} bytes: no copy and no wait. Else null, and
     * nothing is read. Afterwards the body has ended as if {@link #readBody} had returned -1.
     */
    default byte[] takeWholeBody(long length) {
        return null;
    }

    /**
     * Reads and discards the rest of the body when at most {@code maxBytes} remain and they arrive
     * before {@code deadlineNanos}.
     *
     * @return whether the body ended, so that the connection may carry another exchange
     */
    boolean drain(long maxBytes, long deadlineNanos) throws IOException;

    /** Whether the connection may carry another exchange now that the response has ended. */
    boolean reusable();

    /**
     * Why the connection may not carry another request, when {@link #reusable()} says so: asked only
     * then, so the answer costs nothing on a reused connection.
     */
    default dev.spool.CloseReason whyNotReusable() {
        return dev.spool.CloseReason.ERROR;
    }

    /** Whether any byte of a response arrived since the request was written (a stale connection sends none). */
    boolean receivedAnything();

    /**
     * Whether the server had said it was closing the connection (HTTP/2 GOAWAY) when the exchange
     * failed: a request it then dropped with no byte of an answer is like one sent on a connection
     * that went stale (an idempotent one is sent again once, on a new connection).
     */
    default boolean serverWentAway() {
        return false;
    }

    /** Aborts the exchange from any thread: for HTTP/1.1 the connection is closed, ending a blocked call. */
    void cancel();

    /** The request target as written on the wire, for the log line. */
    String requestTarget(Request request);
}
