package dev.spool;

/**
 * Thrown when a body to be held in memory ({@link Response#bytes()}, {@link Response#text()},
 * {@link Response#json(Class)}, or one line of {@link Response#lines()}) is larger than the
 * session's {@code maxBodySize} after decoding. Stream such a body with
 * {@code stream(true)} and {@link Response#inputStream()}, or raise the limit.
 */
public class BodyTooLargeException extends SpoolException {
    private static final long serialVersionUID = 1L;

    /** The limit that was exceeded, in bytes. */
    private final long limit;

    /** Creates the exception for a body over {@code limit} bytes. */
    public BodyTooLargeException(String message, long limit) {
        super(message);
        this.limit = limit;
    }

    /** The limit that was exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
