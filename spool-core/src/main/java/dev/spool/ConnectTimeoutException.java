package dev.spool;

/**
 * Thrown when a TCP connection (or its TLS handshake) to a host is not established within the connect timeout.
 */
public class ConnectTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public ConnectTimeoutException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public ConnectTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
