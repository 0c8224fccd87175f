package dev.spool.cli;

import dev.spool.ConnectionException;
import dev.spool.ProtocolException;
import dev.spool.ReadTimeoutException;
import dev.spool.Response;
import dev.spool.SpoolException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Failures while a body is read: an {@link IOException} from a streamed body becomes the library's
 * exception again (the body stream carries it as the cause), and a framing error at that point (a
 * body shorter than its Content-Length, a chunked body cut off) is a partial transfer, exit code 18.
 */
final class BodyErrors {
    private BodyErrors() {
    }

    static RuntimeException of(IOException e, Response r) {
        if (e.getCause() instanceof SpoolException) {
            return of((SpoolException) e.getCause());
        }
        String where = r.url();
        if (e instanceof SocketTimeoutException) {
            return new ReadTimeoutException("read timed out in the body of " + where, e);
        }
        return new ConnectionException("the body of " + where + " broke off: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }

    /** A library failure met while reading a body. */
    static RuntimeException of(SpoolException e) {
        if (e instanceof ProtocolException) {
            return new CliException(ExitCodes.PARTIAL, "partial transfer: " + e.getMessage(), e);
        }
        return e;
    }
}
