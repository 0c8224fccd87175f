package dev.spool.internal.connection;

import dev.spool.Body;
import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Url;
import dev.spool.internal.ContentLength;
import dev.spool.internal.http2.ErrorCode;
import dev.spool.internal.http2.Http2HeaderRules;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * One exchange over HTTP/2: one stream of an {@link Http2Connection}. Writes the request as HEADERS
 * and DATA within the peer's windows, and reads the response the connection's reader buffered for
 * the stream, each wait bounded by the exchange's read timeout, which resets only this stream.
 */
final class Http2ExchangeCodec implements ExchangeCodec {
    private static final byte[] NONE = new byte[0];
    /** Request fields never sent as given: framing is ours; proxy credentials never reach an origin. */
    private static final String[] OURS = {"content-length", "transfer-encoding", "proxy-authorization"};
    /** Request bodies are framed in DATA frames of up to this many bytes (before the peer's max frame size). */
    private static final int BODY_BUFFER = 16 * 1024;

    private final Http2Connection h2;
    private Http2Stream stream;
    private long timeoutNanos;
    private boolean head;

    Http2ExchangeCodec(Http2Connection h2) {
        this.h2 = h2;
    }

    @Override
    public String protocol() {
        return "h2";
    }

    @Override
    public int streamId() {
        return stream == null ? 0 : stream.id;
    }

    @Override
    public void start(Request request, int timeoutMillis) {
        timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        head = request.method().equals("HEAD");
    }

    @Override
    public boolean writeRequestHead(Request request, boolean holdBody) throws IOException {
        Url url = request.httpUrl();
        Body body = request.body();
        Headers headers = request.headers();
        String contentType = body != null && body.contentType() != null && !headers.contains("Content-Type")
                ? body.contentType() : null;
        String method = request.method();
        long length = body == null ? (method.equals("GET") || head ? -1 : 0) : body.contentLength();
        String scheme = url.scheme();
        String path = url.target();
        // Checked before the stream is opened: the fields are then encoded under the connection's lock.
        String authority = Http2HeaderRules.checkRequest(method, scheme, url.authority(), path, headers);
        stream = h2.openStream(out -> {
            Http2HeaderRules.writeRequestFields(method, scheme, authority, path, headers, OURS, out);
            if (contentType != null) {
                out.field("content-type", contentType);
            }
            if (length >= 0) {
                out.field("content-length", Long.toString(length));
            }
        }, body == null);
        if (body == null || holdBody) {
            return body != null;
        }
        writeRequestBody(body);
        return false;
    }

    @Override
    public void writeRequestBody(Body body) throws IOException {
        byte[] small = body.bytesOrNull();
        if (small != null) {
            h2.writeData(stream, small, 0, small.length, true, timeoutNanos);
            return;
        }
        long declared = body.contentLength();
        DataOutput data = new DataOutput();
        OutputStream out = new BufferedOutputStream(data, BODY_BUFFER);
        body.writeTo(out);
        out.flush();
        if (declared >= 0 && data.written != declared) {
            h2.reset(stream, ErrorCode.CANCEL);
            throw new IOException("request body wrote " + data.written + " bytes but declared a Content-Length of " + declared);
        }
        h2.writeData(stream, NONE, 0, 0, true, timeoutNanos);
    }

    /** Frames what the body writes as DATA on this stream. */
    private final class DataOutput extends OutputStream {
        long written;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                h2.writeData(stream, b, off, len, false, timeoutNanos);
                written += len;
            }
        }
    }

    @Override
    public boolean awaitContinue(int waitMillis, Exchange ex) throws IOException {
        long wait = TimeUnit.MILLISECONDS.toNanos(waitMillis);
        h2.lock.lock();
        try {
            while (stream.status == 0 && stream.interimStatus != 100 && stream.failure == null && wait > 0) {
                wait = stream.changed.awaitNanos(wait);
            }
            if (stream.failure != null) {
                throw stream.failure;
            }
            return stream.status == 0; // a 100 or silence: send the body; a final status: do not
        } catch (InterruptedException e) {
            throw interrupted();
        } finally {
            h2.lock.unlock();
        }
    }

    @Override
    public void readResponseHead(Exchange ex) throws IOException {
        await(() -> stream.status != 0);
        if (ex != null) {
            ex.bytesArrived();
        }
    }

    /** Waits, bounded by the read timeout, until {@code done} holds or the stream fails. */
    private void await(java.util.function.BooleanSupplier done) throws IOException {
        boolean timedOut = false;
        boolean interrupted = false;
        IOException failure = null;
        h2.lock.lock();
        try {
            long wait = timeoutNanos;
            while (!done.getAsBoolean() && stream.failure == null) {
                if (wait <= 0) {
                    timedOut = true;
                    break;
                }
                try {
                    wait = stream.changed.awaitNanos(wait);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            if (!timedOut && !interrupted && !done.getAsBoolean()) {
                failure = stream.failure;
            }
        } finally {
            h2.lock.unlock();
        }
        if (failure != null) {
            throw failure;
        }
        if (timedOut || interrupted) {
            h2.reset(stream, ErrorCode.CANCEL); // only this stream: the connection serves the others
            throw timedOut ? TimedOut.read(null) : interrupted();
        }
    }

    private InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while waiting on HTTP/2 " + stream);
    }

    @Override
    public int status() {
        return stream.status;
    }

    @Override
    public String reason() {
        return null; // HTTP/2 has no reason phrase: Response gives the standard one
    }

    @Override
    public Headers headers() {
        return stream.headers;
    }

    @Override
    public long contentLength() {
        return ContentLength.of(stream.headers.get("content-length"));
    }

    @Override
    public boolean hasBody() {
        return !head && stream.status != 204 && stream.status != 304;
    }

    @Override
    public long keepAliveSeconds() {
        return -1;
    }

    @Override
    public int readBody(byte[] b, int off, int len) throws IOException {
        await(() -> stream.buffered > 0 || stream.remoteDone);
        int n;
        h2.lock.lock();
        try {
            n = stream.take(b, off, len);
            if (n == 0 && stream.remoteDone) {
                endedLocked();
            }
        } finally {
            h2.lock.unlock();
        }
        if (n > 0) {
            h2.consumed(stream, n);
            return n;
        }
        h2.flushControl();
        return -1;
    }

    /** The response was read to its end: the stream is forgotten (the caller holds the state lock). */
    private void endedLocked() {
        h2.streams.remove(stream.id);
        if (!stream.localDone) {
            // The response ended before our request did (an early answer): end our side too.
            stream.localDone = true;
            h2.control.writeRstStream(stream.id, ErrorCode.NO_ERROR);
            h2.markControlPending();
        }
    }

    @Override
    public byte[] takeWholeBody(long length) {
        byte[] whole;
        h2.lock.lock();
        try {
            Http2Stream s = stream;
            if (!s.remoteDone || s.chunkOffset != 0 || s.chunks.size() != 1 || s.chunks.peekFirst().length != length) {
                return null;
            }
            whole = s.chunks.pollFirst();
            s.buffered = 0;
            endedLocked();
        } finally {
            h2.lock.unlock();
        }
        // No window to give back: the stream has ended.
        h2.flushControl();
        return whole;
    }

    @Override
    public boolean drain(long maxBytes, long deadlineNanos) {
        // Nothing to read off the wire for the connection's sake: resetting the stream frees it.
        h2.reset(stream, ErrorCode.CANCEL);
        return true;
    }

    @Override
    public boolean reusable() {
        return h2.maxConcurrentExchanges() > 0;
    }

    @Override
    public dev.spool.CloseReason whyNotReusable() {
        return dev.spool.CloseReason.GOAWAY;
    }

    @Override
    public boolean receivedAnything() {
        h2.lock.lock();
        try {
            return stream != null && stream.receivedAnything;
        } finally {
            h2.lock.unlock();
        }
    }

    @Override
    public boolean serverWentAway() {
        h2.lock.lock();
        try {
            return h2.goAway;
        } finally {
            h2.lock.unlock();
        }
    }

    @Override
    public void cancel() {
        if (stream != null) {
            h2.reset(stream, ErrorCode.CANCEL);
        }
    }

    @Override
    public String requestTarget(Request request) {
        return request.httpUrl().target();
    }
}
