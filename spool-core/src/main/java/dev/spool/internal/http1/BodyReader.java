package dev.spool.internal.http1;

/**
 * The body readers of the response parser (RFC 9112 sections 6 and 7.1): hands out body bytes of a
 * Content-Length body, of a chunk, or of a body that runs until close as slices of the
 * {@link WireBuffer}, and reads the chunked coding's size lines and the CRLF after each chunk's data.
 */
final class BodyReader {
    /** Chunk sizes above 2^62 are refused: no real body is that big, and it keeps sums far from overflow. */
    private static final long MAX_CHUNK_SIZE = 1L << 62;

    /** 16 hex digits are 64 bits; a longer chunk size is hostile even with leading zeros. */
    private static final int MAX_CHUNK_SIZE_DIGITS = 16;

    /** The longest chunk-size line allowed (the parser's line limit). */
    private final int lineLimit;

    /** Body bytes still to come: of the Content-Length body, or of the current chunk. */
    long remaining;
    /** Where the last slice starts in the buffer. */
    int sliceOffset;
    /** How long the last slice is. */
    int sliceLength;

    BodyReader(int lineLimit) {
        this.lineLimit = lineLimit;
    }

    /** Forgets the previous response. */
    void reset() {
        remaining = 0;
        sliceOffset = 0;
        sliceLength = 0;
    }

    /**
     * Hands out as many buffered bytes as the length or chunk still has to come (at least one must
     * be buffered); returns whether that completed it.
     */
    boolean deliverCounted(WireBuffer in) {
        int n = (int) Math.min(in.available(), remaining);
        sliceOffset = in.pos;
        sliceLength = n;
        in.pos += n;
        remaining -= n;
        return remaining == 0;
    }

    /** Hands out every buffered byte, for a body that runs until the connection closes. */
    void deliverAll(WireBuffer in) {
        sliceOffset = in.pos;
        sliceLength = in.available();
        in.pos = in.limit;
    }

    /**
     * Reads the CRLF after a chunk's data (RFC 9112 section 7.1); a bare LF is accepted like
     * elsewhere. Returns false when more bytes are needed.
     */
    boolean chunkDataEnd(WireBuffer in) throws Http1Exception {
        byte[] buf = in.buf;
        int pos = in.pos;
        if (in.limit - pos < 1) {
            return false;
        }
        byte c = buf[pos];
        if (c == '\r') {
            if (in.limit - pos < 2) {
                return false;
            }
            if (buf[pos + 1] != '\n') {
                throw new Http1Exception("missing CRLF after chunk data: found " + WireText.describe(buf[pos + 1])
                        + " after CR");
            }
            in.pos = pos + 2;
        } else if (c == '\n') {
            in.pos = pos + 1;
        } else {
            throw new Http1Exception("missing CRLF after chunk data: found " + WireText.describe(c));
        }
        return true;
    }

    /**
     * Reads {@code chunk-size [chunk-ext] CRLF} (RFC 9112 section 7.1.1); extensions are checked and
     * ignored. Returns the size, or -1 when the line is not complete yet.
     */
    long chunkSize(WireBuffer in) throws Http1Exception {
        int lf = in.findLf();
        if (lf < 0) {
            if (in.available() > lineLimit + 1) {
                throw new Http1Exception(lineTooLong());
            }
            return -1;
        }
        byte[] b = in.buf;
        int start = in.pos;
        int end = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
        in.pos = lf + 1;
        if (end - start > lineLimit) {
            throw new Http1Exception(lineTooLong());
        }
        long size = 0;
        int i = start;
        while (i < end) {
            int h = HttpChars.hexValue(b[i]);
            if (h < 0) {
                break;
            }
            if (i - start == MAX_CHUNK_SIZE_DIGITS) {
                throw new Http1Exception("chunk size has more than " + MAX_CHUNK_SIZE_DIGITS + " hex digits: "
                        + WireText.quote(b, start, end - start));
            }
            size = size << 4 | h;
            i++;
        }
        if (i == start || !chunkExtensions(b, i, end)) {
            throw new Http1Exception("malformed chunk size line " + WireText.quote(b, start, end - start));
        }
        if (Long.compareUnsigned(size, MAX_CHUNK_SIZE) > 0) {
            throw new Http1Exception("chunk size exceeds 2^62 bytes: " + WireText.quote(b, start, end - start));
        }
        return size;
    }

    private String lineTooLong() {
        return "chunk size line exceeds " + lineLimit + " bytes";
    }

    /**
     * Whether {@code b[i, end)} is a well-formed chunk-ext:
     * {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}, with trailing
     * whitespace tolerated as many servers send it.
     */
    private static boolean chunkExtensions(byte[] b, int i, int end) {
        while (true) {
            i = skipBws(b, i, end);
            if (i == end) {
                return true;
            }
            if (b[i] != ';') {
                return false;
            }
            i = skipBws(b, i + 1, end);
            int nameStart = i;
            while (i < end && HttpChars.isTchar(b[i])) {
                i++;
            }
            if (i == nameStart) {
                return false;
            }
            i = skipBws(b, i, end);
            if (i < end && b[i] == '=') {
                i = skipBws(b, i + 1, end);
                if (i < end && b[i] == '"') {
                    i = quotedStringEnd(b, i + 1, end);
                    if (i < 0) {
                        return false;
                    }
                } else {
                    int valueStart = i;
                    while (i < end && HttpChars.isTchar(b[i])) {
                        i++;
                    }
                    if (i == valueStart) {
                        return false;
                    }
                }
            }
        }
    }

    /** The index after the closing quote of a quoted string whose content starts at i, or -1. */
    private static int quotedStringEnd(byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i] & 0xff;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                if (i + 1 == end) {
                    return -1;
                }
                int q = b[i + 1] & 0xff;
                if (q != '\t' && (q < 0x20 || q == 0x7f)) {
                    return -1;
                }
                i += 2;
            } else if (HttpChars.isQdtext(b[i])) {
                i++;
            } else {
                return -1;
            }
        }
        return -1;
    }

    private static int skipBws(byte[] b, int i, int end) {
        while (i < end && HttpChars.isOws(b[i])) {
            i++;
        }
        return i;
    }
}
