package dev.spool.internal.connection;

import dev.spool.ConnectFailedException;
import dev.spool.ConnectTimeoutException;
import dev.spool.ConnectionException;
import dev.spool.ProtocolException;
import dev.spool.ReadTimeoutException;
import dev.spool.SpoolException;
import dev.spool.TlsException;
import dev.spool.internal.IoFailure;
import dev.spool.internal.http1.Http1Exception;
import dev.spool.internal.pool.OriginKey;
import dev.spool.internal.tls.JvmStores;
import dev.spool.internal.tls.TrustSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The one place where I/O failures become Spool's exceptions, each naming host and port (DESIGN,
 * principle 7): used by the transport for connects and exchanges and by body streams.
 */
public final class Failures {
    private Failures() {
    }

    /** Translates a failure to open a connection (DNS, TCP, TLS handshake). */
    public static SpoolException connect(IOException e, OriginKey key, Duration connectTimeout) {
        if (e instanceof IoFailure) {
            return ((IoFailure) e).spoolException(); // translated where the failure was understood (a proxy's)
        }
        String where = key.host() + ":" + key.port();
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
        if (e instanceof WriteGuard.WriteTimeoutException) {
            return new ReadTimeoutException("sending the request to " + where + " made no progress for "
                    + ((WriteGuard.WriteTimeoutException) e).timeoutMillis + " ms (read timeout): the server stopped reading it", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new ReadTimeoutException("read from " + where + " timed out after " + timeoutMillis
                    + " ms (read timeout)", e);
        }
        if (e instanceof Http1Exception) {
            return new ProtocolException(e.getMessage() + " (from " + where + ")", e);
        }
        if (e instanceof SSLException) {
            return new TlsException("TLS error with " + where + ": " + e.getMessage() + clientCertificateHint(e, key), e);
        }
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
