package dev.spool;

import dev.spool.internal.IoFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A decoded (gunzipped, inflated) body stream whose failures reach {@code InputStream} callers the
 * way the raw body's do: as an {@link IoFailure} whose cause is Spool's exception, so a truncated or
 * corrupt compressed stream is a {@link ProtocolException} naming the request, not a bare
 * {@code EOFException} from {@code java.util.zip}.
 */
final class TranslatedBodyStream extends FilterInputStream {
    private final Request request;

    TranslatedBodyStream(InputStream decoded, Request request) {
        super(decoded);
        this.request = request;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return in.skip(n);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private IOException translate(IOException e) {
        return e instanceof IoFailure ? e : new IoFailure(IoErrors.translate(e, request));
    }
}
