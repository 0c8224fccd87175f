package dev.spool.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames the bytes written to it as HTTP/1.1 chunks of at most a given size; the last chunk and
 * trailers are written only by {@link #finish(List)}, so a truncated body is simply one never finished.
 */
final class ChunkedOutputStream extends OutputStream {
    private final OutputStream out;
    private final byte[] buf;
    private int count;

    ChunkedOutputStream(OutputStream out, int chunkSize) {
        this.out = out;
        this.buf = new byte[chunkSize];
    }

    @Override
    public void write(int b) throws IOException {
        buf[count++] = (byte) b;
        if (count == buf.length) {
            emit();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buf.length - count);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            off += n;
            len -= n;
            if (count == buf.length) {
                emit();
            }
        }
    }

    private void emit() throws IOException {
        if (count > 0) {
            out.write((Integer.toHexString(count) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(buf, 0, count);
            out.write(CRLF);
            count = 0;
        }
    }

    /** Sends what is buffered as a chunk and flushes, without ending the body. */
    @Override
    public void flush() throws IOException {
        emit();
        out.flush();
    }

    /** Sends what is buffered, the zero-size last chunk, the trailers (alternating names and values) and the final CRLF. */
    void finish(List<String> trailers) throws IOException {
        emit();
        StringBuilder sb = new StringBuilder("0\r\n");
        for (int i = 0; i < trailers.size(); i += 2) {
            sb.append(trailers.get(i)).append(": ").append(trailers.get(i + 1)).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Does not close the connection underneath: the server decides that separately. */
    @Override
    public void close() {
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
