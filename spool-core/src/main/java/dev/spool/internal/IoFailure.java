package dev.spool.internal;

import dev.spool.SpoolException;
import java.io.IOException;

/**
 * Carries an already-translated {@link SpoolException} through an {@code InputStream} or
 * {@code OutputStream}, whose methods may only throw {@link IOException}s.
 */
public final class IoFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** Wraps the translated exception; its message is the same. */
    public IoFailure(SpoolException cause) {
        super(cause.getMessage(), cause);
    }

    /** The translated exception. */
    public SpoolException spoolException() {
        return (SpoolException) getCause();
    }
}
