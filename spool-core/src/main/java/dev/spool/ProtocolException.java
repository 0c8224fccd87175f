package dev.spool;

/**
 * Thrown when the server's bytes break HTTP/1.1: a bad status line, malformed headers, broken framing or a truncated body.
 */
public class ProtocolException extends SpoolException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names what went wrong. */
    public ProtocolException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the low-level cause. */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
