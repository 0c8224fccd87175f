package dev.spool.cli;

import dev.spool.ConnectionException;
import dev.spool.ReadTimeoutException;
import dev.spool.Response;
import dev.spool.SpoolException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Turns an {@link IOException} from reading a streamed body back into the library's exception,
 * so it gets the same message and exit code as a failure before the body: the body stream carries
 * the library's translated exception as the {@code IOException}'s cause.
 */
final class BodyErrors {
    private BodyErrors() {
    }

    static SpoolException of(IOException e, Response r) {
        if (e.getCause() instanceof SpoolException) {
            return (SpoolException) e.getCause();
        }
        String where = r.url();
        if (e instanceof SocketTimeoutException) {
            return new ReadTimeoutException("read timed out in the body of " + where, e);
        }
        return new ConnectionException("the body of " + where + " broke off: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
}
