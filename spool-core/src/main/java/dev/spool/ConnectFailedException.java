package dev.spool;

/**
 * Thrown when a connection could not be opened (refused, no route, name not resolved): nothing of
 * the request was sent, so a retry policy may always try again (urllib3's connect errors).
 */
public class ConnectFailedException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public ConnectFailedException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public ConnectFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
