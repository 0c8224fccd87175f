package dev.spool.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A buffered reader of a connection's bytes with the operations the request parser needs: strict
 * CRLF lines with a length cap, exact-length reads, and a look at whether more bytes are waiting.
 */
final class WireInput {
    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];

    WireInput(InputStream in) {
        this.in = in;
    }

    /** How many bytes are read from the socket but not consumed yet (a pipelined request shows here). */
    int buffered() {
        return limit - pos;
    }

    /** Reads more bytes into the empty buffer; false at end of stream. */
    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    /** Blocks until at least one byte is buffered; false at end of stream. */
    boolean awaitByte() throws IOException {
        return pos < limit || fill();
    }

    /**
     * Reads one line ending in CRLF and returns it without the CRLF, as ISO-8859-1 (so every byte
     * maps to one char). RFC 9112 section 2.2 lets a recipient accept a bare LF; this server refuses
     * it so that a client which sends one is caught.
     *
     * @param max the longest line accepted, CRLF excluded
     * @param what what the line is, for the error message
     */
    String readLine(int max, String what) throws IOException, BadRequestException {
        int len = 0;
        while (true) {
            if (pos == limit && !fill()) {
                throw new EOFException("client closed the connection in the middle of the " + what);
            }
            int lf = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            int end = lf < 0 ? limit : lf;
            int n = end - pos;
            if (len + n > max + 1) { // + 1: the CR of the CRLF is still in the line here
                throw new BadRequestException(what + " is longer than " + max + " bytes");
            }
            if (len + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
            }
            System.arraycopy(buf, pos, line, len, n);
            len += n;
            pos = end;
            if (lf >= 0) {
                pos++;
                if (len == 0 || line[len - 1] != '\r') {
                    throw new BadRequestException(what + " ends with a bare LF instead of CRLF");
                }
                len--;
                for (int i = 0; i < len; i++) {
                    if (line[i] == '\r') {
                        throw new BadRequestException(what + " has a bare CR at index " + i);
                    }
                }
                return new String(line, 0, len, StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Reads up to {@code len} bytes; -1 at end of stream. */
    int read(byte[] dst, int off, int len) throws IOException {
        if (pos == limit) {
            if (len >= buf.length) {
                return in.read(dst, off, len); // a large read goes straight to the socket
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
        return n;
    }

    /** Reads and throws away everything until end of stream; returns normally at EOF. */
    void discardUntilEof() throws IOException {
        pos = limit;
        byte[] sink = buf;
        while (in.read(sink, 0, sink.length) >= 0) {
            // discarding: the server has finished with this connection and waits for the client to go
        }
        pos = 0;
        limit = 0;
    }
}
