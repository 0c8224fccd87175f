package dev.spool.internal.connection;

import dev.spool.Body;
import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Url;
import dev.spool.internal.http1.RequestEncoder;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an HTTP/1.1 request onto a wire: the head through the encoder and the body framed by its
 * length or chunked. A small in-memory body goes out in the same write as the head.
 */
final class RequestWriter {
    /** In-memory bodies up to this size share the head's write (one syscall for the whole request). */
    static final int COALESCE_MAX = 16 * 1024;
    /** Chunk size for streamed bodies. */
    static final int CHUNK_SIZE = 16 * 1024;

    private RequestWriter() {
    }

    /**
     * Encodes and writes the head, and the body unless {@code holdBody} (for {@code Expect: 100-continue}).
     *
     * @return whether the body is still to be written
     */
    static boolean writeHead(Wire c, RequestEncoder enc, Request request, String target, Headers headers,
                             boolean holdBody) throws IOException {
        Url url = request.httpUrl();
        Body body = request.body();
        // Framing is the transport's job: the body decides it, never a header the caller set.
        if (headers.contains("Content-Length")) {
            headers = headers.minus("Content-Length");
        }
        if (headers.contains("Transfer-Encoding")) {
            headers = headers.minus("Transfer-Encoding");
        }
        long length;
        if (body == null) {
            // requests sends Content-Length: 0 for a bodiless request other than GET and HEAD.
            String m = request.method();
            length = m.equals("GET") || m.equals("HEAD") ? -2 : 0;
        } else {
            length = body.contentLength();
            if (body.contentType() != null && !headers.contains("Content-Type")) {
                headers = headers.plus("Content-Type", body.contentType());
            }
        }
        enc.reset();
        enc.writeHead(request.method(), target, url.authority(), headers, length);
        byte[] small = body == null ? null : body.bytesOrNull();
        if (small != null && small.length <= COALESCE_MAX && !holdBody) {
            enc.writeBytes(small, 0, small.length);
            c.write(enc.array(), 0, enc.length());
            return false;
        }
        c.write(enc.array(), 0, enc.length());
        if (body == null) {
            return false;
        }
        if (holdBody) {
            return true;
        }
        writeBody(c, enc, body);
        return false;
    }

    /**
     * Writes the body after the head: counted against its length, or chunked when the length is
     * unknown; each socket write is bounded by the read timeout in force (a server may stop reading).
     */
    static void writeBody(Wire c, RequestEncoder enc, Body body) throws IOException {
        long length = body.contentLength();
        if (length >= 0) {
            FixedLengthOutput out = new FixedLengthOutput(c, length);
            body.writeTo(out);
            out.finish();
        } else {
            ChunkedOutput out = new ChunkedOutput(c, enc);
            body.writeTo(out);
            out.finish();
        }
        c.flush();
    }

    /** Passes bytes through and checks the body writes exactly its declared length. */
    private static final class FixedLengthOutput extends OutputStream {
        private final Wire out;
        private final long length;
        private long written;

        FixedLengthOutput(Wire out, long length) {
            this.out = out;
            this.length = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > length) {
                throw new IOException("request body wrote more than its Content-Length of " + length + " bytes");
            }
            out.write(b, off, len);
            written += len;
        }

        void finish() throws IOException {
            if (written != length) {
                throw new IOException("request body wrote " + written + " bytes but declared a Content-Length of " + length);
            }
        }
    }

    /** Frames written bytes as chunks of up to {@link #CHUNK_SIZE}, each sent with its header in one write. */
    private static final class ChunkedOutput extends OutputStream {
        private final Wire c;
        private final RequestEncoder enc;
        private final byte[] buf = new byte[CHUNK_SIZE];
        private int count;

        ChunkedOutput(Wire c, RequestEncoder enc) {
            this.c = c;
            this.enc = enc;
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buf.length) {
                emit();
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (count == buf.length) {
                    emit();
                }
                int n = Math.min(len, buf.length - count);
                System.arraycopy(b, off, buf, count, n);
                count += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            if (count > 0) {
                emit();
            }
        }

        private void emit() throws IOException {
            enc.reset();
            enc.writeChunkHeader(count);
            enc.writeBytes(buf, 0, count);
            enc.writeChunkEnd();
            c.write(enc.array(), 0, enc.length());
            count = 0;
        }

        void finish() throws IOException {
            flush();
            enc.reset();
            enc.writeLastChunk();
            c.write(enc.array(), 0, enc.length());
        }
    }
}
