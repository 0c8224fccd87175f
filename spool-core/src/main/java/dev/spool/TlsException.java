package dev.spool;

/**
 * Thrown when a TLS handshake fails: an untrusted or expired certificate, a host-name mismatch, or
 * a server that does not speak TLS.
 */
public class TlsException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming host, port and what failed. */
    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
