package dev.spool.testkit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Shields the stream underneath from {@code close()}, for compressors that close what they wrap. */
final class NonClosingOutputStream extends FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len); // FilterOutputStream would write byte by byte
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
