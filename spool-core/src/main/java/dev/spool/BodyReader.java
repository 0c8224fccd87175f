package dev.spool;

import dev.spool.internal.IoFailure;
import dev.spool.internal.connection.BodyStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a decoded body into memory without ever holding more than the session's
 * {@code maxBodySize}, and guards the lines of a streamed body by the same limit, so a small
 * compressed body (a "gzip bomb") cannot exhaust memory.
 */
final class BodyReader {
    /** The largest array the JVM reliably allocates (the JDK's own ArraysSupport.SOFT_MAX_ARRAY_LENGTH). */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /**
     * The default {@code maxBodySize}: 1 GiB, or a quarter of the maximum heap when that is less, so
     * that a body at the limit still fits beside its copies (a String from {@code text()}, say).
     */
    static final long DEFAULT_MAX_BODY_SIZE = Math.min(1L << 30, Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 4));

    /** The largest array allocated before any byte arrives, whatever Content-Length says. */
    static final int INITIAL_MAX = 8 << 20;

    private BodyReader() {
    }

    /**
     * Reads {@code in} to the end.
     *
     * @param sizeHint the expected size (a Content-Length of an unencoded body), or -1
     * @param limit the most bytes to hold; one more is an error
     * @param what names the body in the error: the request and its codings
     * @throws BodyTooLargeException when the body has more than {@code limit} bytes
     */
    static byte[] readAll(InputStream in, long sizeHint, long limit, String what) throws IOException {
        if (sizeHint > limit) {
            throw tooLarge(what, limit, "its Content-Length is " + sizeHint);
        }
        if (sizeHint > 0 && in instanceof BodyStream) {
            // A body that arrived whole (HTTP/2) is handed over as it is: no second array, no copy.
            byte[] whole = ((BodyStream) in).readWhole(sizeHint);
            if (whole != null) {
                return whole;
            }
        }
        // Trust a declared size only so far: a server that declares 1 GiB and sends nothing must not
        // cost 1 GiB up front. Past this the array doubles as bytes actually arrive.
        byte[] buf = new byte[(int) Math.min(limit, sizeHint >= 0 ? Math.min(sizeHint, INITIAL_MAX) : 8192)];
        int n = 0;
        while (true) {
            int extra = -1;
            if (n == buf.length) {
                if (n >= limit || n == sizeHint) {
                    // Full at the limit or at the declared length: usually only the end follows, and
                    // probing for it saves growing and trimming the array (two copies per request).
                    extra = in.read();
                    if (extra < 0) {
                        return buf;
                    }
                    if (n >= limit) {
                        throw tooLarge(what, limit, null);
                    }
                }
                long grown = Math.min(limit, Math.max(8192, (long) buf.length * 2));
                buf = Arrays.copyOf(buf, (int) grown);
                if (extra >= 0) {
                    buf[n++] = (byte) extra;
                    continue;
                }
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return n == buf.length ? buf : Arrays.copyOf(buf, n);
            }
            n += r;
        }
    }

    static BodyTooLargeException tooLarge(String what, long limit, String detail) {
        return new BodyTooLargeException("the body of " + what + " is larger than maxBodySize, " + limit + " bytes ("
                + human(limit) + ")" + (detail == null ? "" : ": " + detail) + "; read it with stream(true) and"
                + " inputStream(), or raise Session.builder().maxBodySize(...)", limit);
    }

    static String human(long bytes) {
        if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }

    /**
     * A stream for {@link Response#lines()}: fails when a single line grows past the limit (a body
     * with no newline would otherwise be buffered whole by the line reader), and throws Spool's
     * exceptions unwrapped so they reach the caller of the lines stream as they are.
     */
    static final class LineGuard extends FilterInputStream {
        private final long limit;
        private final String what;
        private long sinceNewline;

        LineGuard(InputStream in, long limit, String what) {
            super(in);
            this.limit = limit;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IoFailure e) {
                throw e.spoolException();
            }
            for (int i = 0; i < n; i++) {
                // Counting bytes since the last LF byte works for every charset where LF is the byte 0x0A
                // (UTF-8, ISO-8859-*); in UTF-16 a 0x0A byte only resets the count early, never late.
                if (b[off + i] == '\n') {
                    sinceNewline = 0;
                } else if (++sinceNewline > limit) {
                    throw tooLarge(what, limit, "a line has no end within the limit");
                }
            }
            return n;
        }
    }
}
