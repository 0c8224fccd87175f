package dev.spool.internal.connection;

import dev.spool.CallCancelledException;
import dev.spool.CallTimeoutException;
import dev.spool.ConnectFailedException;
import dev.spool.ConnectTimeoutException;
import dev.spool.ConnectionException;
import dev.spool.ProtocolException;
import dev.spool.ReadTimeoutException;
import dev.spool.Request;
import dev.spool.SpoolException;
import dev.spool.TlsException;
import dev.spool.internal.IoFailure;
import dev.spool.internal.http1.Http1Exception;
import dev.spool.internal.http2.Http2Exception;
import dev.spool.internal.http2.hpack.HpackException;
import dev.spool.internal.pool.OriginKey;
import dev.spool.internal.tls.JvmStores;
import dev.spool.internal.tls.TrustSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The one place where I/O failures become Spool's exceptions, each naming host and port and each
 * failure worded the same wherever it happens (DESIGN, principle 7). Two boundaries call it: the
 * transport, where it meets the socket (connects, exchanges, and the body streams it hands out,
 * which carry the translation up as {@link IoFailure}), and {@code Response}, where a body is read
 * from any transport's stream and through decoders. Proxy handshakes translate their own failures
 * where they are understood and pass them through here as {@link IoFailure}s.
 */
public final class Failures {
    private Failures() {
    }

    /**
     * Translates a failure to open a connection (DNS, TCP, TLS handshake, or the pool wait before it)
     * of a call that may have a {@link CallGuard} (null when it has none).
     */
    public static SpoolException connect(IOException e, OriginKey key, Duration connectTimeout, CallGuard call) {
        if (call != null && call.stopped()) {
            return stopped(call, key.host() + ":" + key.port(), e);
        }
        return connect(e, key, connectTimeout);
    }

    /** Translates a failure while sending a request or reading its response, of a call that may have a guard. */
    public static SpoolException exchange(IOException e, OriginKey key, int timeoutMillis, CallGuard call) {
        if (call != null && call.stopped()) {
            return stopped(call, key.host() + ":" + key.port(), e);
        }
        return exchange(e, key, timeoutMillis);
    }

    /**
     * The failure of a call its guard stopped: a {@link CallTimeoutException} when the deadline passed,
     * else a {@link CallCancelledException}; either names the phase the call was in.
     */
    public static SpoolException stopped(CallGuard call, String where, Throwable cause) {
        if (call.timedOutNow()) {
            return new CallTimeoutException("call to " + where + " timed out after " + call.timeoutMillis()
                    + " ms (call timeout) while " + call.phase().words(), cause);
        }
        return new CallCancelledException("call to " + where + " was cancelled while " + call.phase().words(), cause);
    }

    /** Whether an I/O failure is the thread being interrupted (the channel closed by it), not a timeout. */
    private static boolean interrupted(IOException e) {
        return e instanceof ClosedByInterruptException
                || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException));
    }

    private static SpoolException interruptedCall(String where, IOException e) {
        return new CallCancelledException("call to " + where + " was interrupted (its thread was interrupted)", e);
    }

    /** Translates a failure to open a connection (DNS, TCP, TLS handshake). */
    public static SpoolException connect(IOException e, OriginKey key, Duration connectTimeout) {
        if (e instanceof IoFailure) {
            return ((IoFailure) e).spoolException(); // translated where the failure was understood (a proxy's)
        }
        String where = key.host() + ":" + key.port();
        if (interrupted(e)) {
            return interruptedCall(where, e);
        }
        if (e instanceof SocketTimeoutException) {
            return new ConnectTimeoutException("connect to " + where + " timed out after "
                    + connectTimeout.toMillis() + " ms", e);
        }
        if (e instanceof UnknownHostException) {
            return new ConnectFailedException("cannot connect to " + where + " (name not resolved)", e);
        }
        if (e instanceof ConnectException) {
            return new ConnectFailedException("cannot connect to " + where + " (connection refused)", e);
        }
        if (e instanceof NoRouteToHostException) {
            return new ConnectFailedException("cannot connect to " + where + " (no route to host)", e);
        }
        if (e instanceof SSLException) {
            return new TlsException("TLS handshake with " + where + " failed: " + e.getMessage() + clientCertificateHint(e, key)
                    + verificationHint(e, key), e);
        }
        return new ConnectFailedException("cannot connect to " + where + ": " + e, e);
    }

    /**
     * When the server's certificate was not accepted (no path to a trusted CA, expired, another host's):
     * which trust source it was checked against and how to fix it, instead of the JDK's bare
     * "PKIX path building failed".
     */
    static String verificationHint(IOException e, OriginKey key) {
        if (!key.tls().verify() || !causedByCertificate(e)) {
            return "";
        }
        return "; " + TrustSource.of(key.tls(), JvmStores.current()).verificationHint();
    }

    private static boolean causedByCertificate(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /** Translates a failure while sending a request or reading its response. */
    public static SpoolException exchange(IOException e, OriginKey key, int timeoutMillis) {
        if (e instanceof IoFailure) {
            return ((IoFailure) e).spoolException();
        }
        String where = key.host() + ":" + key.port();
        if (interrupted(e)) {
            return interruptedCall(where, e);
        }
        if (e instanceof TimedOut.WriteTimeoutException) {
            return new ReadTimeoutException("sending the request to " + where + " made no progress for "
                    + ((TimedOut.WriteTimeoutException) e).timeoutMillis + " ms (read timeout): the server stopped reading it", e);
        }
        if (e instanceof SocketTimeoutException) {
            return readTimeout(where, " after " + timeoutMillis + " ms", e);
        }
        if (e instanceof Http1Exception || e instanceof Http2Exception || e instanceof HpackException) {
            // The server broke the protocol (an HTTP/2 connection or stream error names the frame and the rule).
            return new ProtocolException(e.getMessage() + " (from " + where + ")", e);
        }
        if (e instanceof SSLException) {
            return new TlsException("TLS error with " + where + ": " + e.getMessage() + clientCertificateHint(e, key), e);
        }
        return connectionFailed(where, e);
    }

    /**
     * Translates a failure while a response body is read through {@code Response}: from any transport's
     * stream (the default one's arrive translated already) and the decoders above it.
     *
     * @param request the request whose body it is, or null when unknown
     */
    public static SpoolException body(IOException e, Request request) {
        if (e instanceof IoFailure) {
            return ((IoFailure) e).spoolException();
        }
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return new ProtocolException("cannot decode the body of " + (request == null ? "the response" : request)
                    + ": " + e.getMessage(), e);
        }
        String where = request == null ? "the server" : request.httpUrl().host() + ":" + request.httpUrl().port();
        CallGuard call = request == null ? null : CallGuard.of(request);
        if (call != null && call.stopped()) {
            return stopped(call, where, e);
        }
        if (interrupted(e)) {
            return interruptedCall(where, e);
        }
        if (e instanceof SocketTimeoutException) {
            return readTimeout(where, "", e);
        }
        return connectionFailed(where, e);
    }

    /** The server hung up before the first byte of a response (requests' RemoteDisconnected), not a protocol violation. */
    public static SpoolException noResponse(OriginKey key, Throwable cause) {
        return new ConnectionException("server " + key.host() + ":" + key.port()
                + " closed the connection without sending any response", cause);
    }

    /** A reused connection dropped before any answer, for a request that is not safe to send again. */
    public static SpoolException droppedReused(int number, OriginKey key, String method, Throwable cause) {
        return new ConnectionException("connection " + number + " to " + key.host() + ":" + key.port()
                + " was reused and dropped by the server before it answered the " + method
                + "; not retried because " + method + " is not idempotent", cause);
    }

    /** An HTTP/2 connection said GOAWAY and closed before answering a request that is not safe to send again. */
    public static SpoolException droppedAfterGoAway(int number, OriginKey key, String method, Throwable cause) {
        return new ConnectionException("connection " + number + " to " + key.host() + ":" + key.port()
                + " said GOAWAY and closed before it answered the " + method
                + "; not retried because " + method + " is not idempotent", cause);
    }

    private static SpoolException readTimeout(String where, String after, IOException e) {
        return new ReadTimeoutException("read from " + where + " timed out" + after + " (read timeout)", e);
    }

    private static SpoolException connectionFailed(String where, IOException e) {
        String msg = e.getMessage();
        return new ConnectionException("connection to " + where + " failed: "
                + (msg == null ? e.getClass().getSimpleName() : msg), e);
    }

    /**
     * A hint when a server refuses the handshake for want of a client certificate: with TLS 1.3 the
     * refusal arrives as an alert after the handshake, so it looks like any other TLS error.
     */
    public static String clientCertificateHint(IOException e, OriginKey key) {
        String m = String.valueOf(e.getMessage());
        if (!m.contains("bad_certificate") && !m.contains("certificate_required")) {
            return "";
        }
        return key.tls().clientCertificate() == null
                ? " (the server may require a client certificate: see Session.Builder.clientCert)"
                : " (the server did not accept the client certificate " + key.tls().clientCertificate() + ")";
    }
}
