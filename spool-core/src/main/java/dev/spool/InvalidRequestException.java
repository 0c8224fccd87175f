package dev.spool;

/**
 * Thrown before any I/O when a request is malformed: a bad URL, method or header, or a URL no transport serves.
 */
public class InvalidRequestException extends SpoolException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public InvalidRequestException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
