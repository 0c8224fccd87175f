package dev.spool.cli;

import dev.spool.ConnectFailedException;
import dev.spool.ConnectionException;
import dev.spool.HttpStatusException;
import dev.spool.InvalidRequestException;
import dev.spool.ProtocolException;
import dev.spool.ProxyException;
import dev.spool.SpoolException;
import dev.spool.TimeoutException;
import dev.spool.TlsException;
import dev.spool.TooManyRedirectsException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateException;

/**
 * What the user is told when a command fails, and the exit code: a pure function of the exception,
 * so the messages and codes are tested without a network.
 *
 * @param exitCode one of {@link ExitCodes}
 * @param message the text after {@code spool: }
 */
record Failure(int exitCode, String message) {

    /** Explains a failure. */
    static Failure of(Throwable e) {
        if (e instanceof CliException) {
            return new Failure(((CliException) e).exitCode(), e.getMessage());
        }
        if (e instanceof HttpStatusException) {
            HttpStatusException h = (HttpStatusException) e;
            return new Failure(ExitCodes.HTTP_ERROR, "HTTP " + h.status() + " " + h.response().reason()
                    + " from " + h.response().url());
        }
        if (e instanceof InvalidRequestException) {
            return new Failure(ExitCodes.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof TimeoutException) {
            return new Failure(ExitCodes.TIMEOUT, e.getMessage());
        }
        if (e instanceof TlsException) {
            return tls((TlsException) e);
        }
        if (e instanceof ProxyException) {
            return proxy((ProxyException) e);
        }
        if (e instanceof ConnectionException) {
            if (causedBy(e, UnknownHostException.class) != null) {
                return new Failure(ExitCodes.RESOLVE, e.getMessage());
            }
            // ConnectFailedException: nothing was sent, the connection was never made.
            return new Failure(e instanceof ConnectFailedException ? ExitCodes.CONNECT : ExitCodes.CONNECTION_BROKEN,
                    String.valueOf(e.getMessage()));
        }
        if (e instanceof ProtocolException) {
            return new Failure(ExitCodes.PROTOCOL, e.getMessage());
        }
        if (e instanceof TooManyRedirectsException) {
            return new Failure(ExitCodes.TOO_MANY_REDIRECTS, e.getMessage());
        }
        if (e instanceof SpoolException) {
            return new Failure(ExitCodes.OTHER, e.getMessage());
        }
        return new Failure(ExitCodes.OTHER, "unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (run with --debug to see where)");
    }

    /**
     * A proxy's failure, with curl's codes: its name not resolved is 5, its port not reached is 7, a
     * refused or broken CONNECT or SOCKS handshake is 56 (the connection broke before the request).
     */
    private static Failure proxy(ProxyException e) {
        if (e.status() < 0 && causedBy(e, UnknownHostException.class) != null) {
            return new Failure(ExitCodes.RESOLVE_PROXY, e.getMessage());
        }
        if (e.status() < 0 && (causedBy(e, ConnectException.class) != null || causedBy(e, NoRouteToHostException.class) != null)) {
            return new Failure(ExitCodes.CONNECT, e.getMessage());
        }
        return new Failure(ExitCodes.CONNECTION_BROKEN, e.getMessage());
    }

    /**
     * A TLS failure: certificate problems get their own code and a sentence a person can act on
     * instead of the JDK's "PKIX path building failed: sun.security...".
     */
    private static Failure tls(TlsException e) {
        String where = between(e.getMessage(), "with ", " ");
        String subject = where == null ? "the server's certificate" : where + "'s certificate";
        String reason = null;
        Throwable t;
        if ((t = causedBy(e, CertificateExpiredException.class)) != null) {
            reason = subject + " has expired (" + t.getMessage() + ")";
        } else if (causedBy(e, CertificateNotYetValidException.class) != null) {
            reason = subject + " is not valid yet";
        } else if (causedBy(e, CertPathBuilderException.class) != null || causedBy(e, CertPathValidatorException.class) != null) {
            reason = subject + " is not trusted (no path to a trusted CA)";
        } else if ((t = causedBy(e, CertificateException.class)) != null) {
            String m = String.valueOf(t.getMessage());
            reason = m.startsWith("No subject alternative") || m.startsWith("No name matching")
                    ? subject + " does not name the host (" + m + ")"
                    : subject + " was rejected (" + m + ")";
        }
        if (reason == null) {
            return new Failure(ExitCodes.TLS, e.getMessage());
        }
        return new Failure(ExitCodes.CERTIFICATE, "TLS handshake failed: " + reason
                + "; trust its CA with --cacert FILE, or skip verification with --insecure");
    }

    private static Throwable causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The text after {@code start} up to the next {@code end}, or null. */
    private static String between(String s, String start, String end) {
        if (s == null) {
            return null;
        }
        int i = s.indexOf(start);
        if (i < 0) {
            return null;
        }
        int from = i + start.length();
        int j = s.indexOf(end, from);
        if (j < 0) {
            return null;
        }
        String found = s.substring(from, j);
        return found.endsWith(":") ? found.substring(0, found.length() - 1) : found;
    }
}
