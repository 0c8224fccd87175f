package dev.spool.cli;

import dev.spool.EventListener;
import dev.spool.Request;
import java.io.PrintStream;

/**
 * Prints each request as it goes on the wire ({@code >} lines on standard error), from the session's
 * {@link EventListener#requestSent} event: so with {@code -v} the request comes before the library's
 * {@code DEBUG} line about its response, and every redirect hop and retry shows its own request, as
 * {@code curl -v} shows them.
 */
final class RequestEcho implements EventListener {
    private final PrintStream err;

    RequestEcho(PrintStream err) {
        this.err = err;
    }

    @Override
    public void requestSent(Request request) {
        ConnectionReport.request(err, request);
        err.flush();
    }
}
