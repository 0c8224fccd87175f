package dev.spool.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Passes bytes on in pieces of a fixed size, flushing each and pausing before the next, to act out
 * a slow server; the pause ends early with an exception when the server closes.
 */
final class ThrottledOutputStream extends OutputStream {
    private final OutputStream out;
    private final int bytesPerChunk;
    private final Duration perChunk;
    private final MockServer server;
    private int sentInChunk;

    ThrottledOutputStream(OutputStream out, int bytesPerChunk, Duration perChunk, MockServer server) {
        this.out = out;
        this.bytesPerChunk = bytesPerChunk;
        this.perChunk = perChunk;
        this.server = server;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (sentInChunk == bytesPerChunk) {
                out.flush();
                server.pause(perChunk);
                sentInChunk = 0;
            }
            int n = Math.min(len, bytesPerChunk - sentInChunk);
            out.write(b, off, n);
            sentInChunk += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Does not close the connection underneath. */
    @Override
    public void close() throws IOException {
        out.flush();
    }
}
