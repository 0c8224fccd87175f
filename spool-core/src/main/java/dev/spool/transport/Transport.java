package dev.spool.transport;

import dev.spool.Request;
import dev.spool.Response;

/**
 * Sends a request and returns its response: what a session mounts on a URL prefix. The default for
 * {@code http://} and {@code https://} is {@link HttpTransport}; tests mount canned ones.
 *
 * <p>The returned response may stream its body; the transport must free whatever the response holds
 * (a pooled connection) when the body is read to its end or the response is closed.
 */
public interface Transport extends AutoCloseable {
    /** Sends the request. Exceptions are Spool's unchecked ones. */
    Response send(Request request);

    /** Releases what the transport holds (pooled connections). */
    @Override
    void close();
}
