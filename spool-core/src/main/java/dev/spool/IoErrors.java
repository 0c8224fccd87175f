package dev.spool;

import dev.spool.internal.IoFailure;
import java.io.IOException;
import java.net.SocketTimeoutException;

/** Turns an {@link IOException} seen while reading a body into Spool's exception tree. */
final class IoErrors {
    private IoErrors() {
    }

    static SpoolException translate(IOException e, Request request) {
        if (e instanceof IoFailure) {
            return ((IoFailure) e).spoolException();
        }
        String where = request.httpUrl().host() + ":" + request.httpUrl().port();
        if (e instanceof SocketTimeoutException) {
            return new ReadTimeoutException("read timed out reading the body from " + where, e);
        }
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return new ProtocolException("cannot decode the body of " + request + ": " + e.getMessage(), e);
        }
        return new ConnectionException("error reading the body from " + where + ": " + e, e);
    }
}
