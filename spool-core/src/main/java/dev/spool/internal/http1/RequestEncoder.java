package dev.spool.internal.http1;

import dev.spool.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes HTTP/1.1 request heads and chunk framing (RFC 9112 sections 3, 5 and 7.1) into a
 * reusable, growable byte buffer that the transport writes to the socket; it does no I/O.
 *
 * <p>Text is written as ISO-8859-1 with plain loops, so encoding a request allocates nothing once
 * the buffer is big enough. The public API validates methods, targets and headers before they get
 * here; the encoder still refuses CR, LF and NUL anywhere in the head (and a space in the method or
 * target) as a second line of defence against request splitting.
 */
public final class RequestEncoder {
    /** 4 KiB: a typical request head with room to spare for a small body. */
    private static final int INITIAL_CAPACITY = 4 * 1024;

    /** What {@link #writeHead} takes as the content length of a body sent chunked. */
    public static final long CHUNKED = -1;

    /** What {@link #writeHead} takes as the content length of a request without a body. */
    public static final long NO_BODY = -2;

    private static final byte[] VERSION_CRLF = ascii(" HTTP/1.1\r\n");
    private static final byte[] HOST = ascii("Host: ");
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] TRANSFER_ENCODING_CHUNKED = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] LAST_CHUNK = ascii("0\r\n\r\n");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int length;

    /** Creates an empty encoder. */
    public RequestEncoder() {
    }

    /** Empties the buffer, keeping its capacity for the next request. */
    public void reset() {
        length = 0;
    }

    /**
     * Appends a request head: the request line, {@code Host} first (RFC 9110 section 7.2 asks for it
     * first), the other headers in order, the framing header, and the empty line.
     *
     * @param method the request method, a token
     * @param target the request target (origin-form {@code /path?query}, or absolute-form for a proxy)
     * @param hostHeader the value of {@code Host}, used only when {@code headers} has no Host field
     * @param headers the header fields to send, without framing headers (the transport strips them)
     * @param contentLength the body length, or {@link #CHUNKED} for {@code Transfer-Encoding: chunked},
     *     or {@link #NO_BODY} for no framing header at all
     * @throws IllegalArgumentException if the method or target holds a space, CR, LF or NUL, a header
     *     holds CR, LF or NUL, or contentLength is below -2
     */
    public void writeHead(String method, String target, String hostHeader, Headers headers, long contentLength) {
        if (contentLength < NO_BODY) {
            throw new IllegalArgumentException("content length " + contentLength);
        }
        if (method.isEmpty() || target.isEmpty()) {
            throw new IllegalArgumentException("empty request method or target");
        }
        int userHost = -1;
        boolean userLength = false;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (userHost < 0 && name.equalsIgnoreCase("Host")) {
                userHost = i;
            } else if (name.equalsIgnoreCase("Content-Length")) {
                userLength = true;
            }
        }
        if (userHost < 0) {
            Objects.requireNonNull(hostHeader, "hostHeader");
        }
        int start = length;
        try {
            writeText(method, true, "request method", null);
            writeByte(' ');
            writeText(target, true, "request target", null);
            writeBytes(VERSION_CRLF, 0, VERSION_CRLF.length);
            if (userHost >= 0) {
                writeField(headers.name(userHost), headers.value(userHost));
            } else {
                writeBytes(HOST, 0, HOST.length);
                writeText(hostHeader, false, "value of header", "Host");
                writeCrlf();
            }
            for (int i = 0; i < headers.size(); i++) {
                if (i != userHost) {
                    writeField(headers.name(i), headers.value(i));
                }
            }
            if (contentLength >= 0 && !userLength) {
                writeBytes(CONTENT_LENGTH, 0, CONTENT_LENGTH.length);
                writeDecimal(contentLength);
                writeCrlf();
            } else if (contentLength == CHUNKED) {
                writeBytes(TRANSFER_ENCODING_CHUNKED, 0, TRANSFER_ENCODING_CHUNKED.length);
            }
            writeCrlf();
        } catch (IllegalArgumentException e) {
            length = start; // never leave half a head behind
            throw e;
        }
    }

    /** Appends raw bytes, such as a small body sent in the same write as its head. */
    public void writeBytes(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        ensure(len);
        System.arraycopy(b, off, buf, length, len);
        length += len;
    }

    /**
     * Appends a chunk header: the length in hex and CRLF (RFC 9112 section 7.1); the chunk's data
     * and then {@link #writeChunkEnd()} follow.
     *
     * @throws IllegalArgumentException if length is not positive (a 0 chunk would end the body:
     *     use {@link #writeLastChunk()})
     */
    public void writeChunkHeader(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("chunk length " + length + " (the last chunk is writeLastChunk)");
        }
        int digits = (31 - Integer.numberOfLeadingZeros(length)) / 4; // hex digits minus one
        ensure(digits + 3);
        int at = this.length;
        for (int shift = digits * 4; shift >= 0; shift -= 4) {
            buf[at++] = HEX[(length >>> shift) & 0xf];
        }
        buf[at++] = '\r';
        buf[at++] = '\n';
        this.length = at;
    }

    /** Appends the CRLF that closes a chunk's data. */
    public void writeChunkEnd() {
        writeCrlf();
    }

    /** Appends the last chunk with no trailers, {@code 0 CRLF CRLF}, which ends a chunked body. */
    public void writeLastChunk() {
        writeBytes(LAST_CHUNK, 0, LAST_CHUNK.length);
    }

    /** The buffer; bytes {@code [0, length())} are the encoded output. Valid until the next write. */
    public byte[] array() {
        return buf;
    }

    /** How many bytes of {@link #array()} are encoded output. */
    public int length() {
        return length;
    }

    /**
     * Appends one field line. Package-private so tests can hand it what {@link Headers} itself refuses
     * (CR, LF, NUL), to check this last defence, which writeHead relies on.
     */
    void writeField(String name, String value) {
        writeText(name, true, "header name", null);
        writeByte(':');
        writeByte(' ');
        writeText(value, false, "value of header", name);
        writeCrlf();
    }

    private void writeCrlf() {
        ensure(2);
        buf[length++] = '\r';
        buf[length++] = '\n';
    }

    private void writeByte(char c) {
        ensure(1);
        buf[length++] = (byte) c;
    }

    /**
     * Writes a string as ISO-8859-1 (a character beyond it becomes {@code ?}, as
     * {@code String.getBytes} would make it), refusing the characters that would split the message.
     * {@code what} and {@code whose} name the text in the error message, built only on error.
     */
    private void writeText(String s, boolean noSpace, String what, String whose) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c <= ' ' && (c == '\r' || c == '\n' || c == 0 || (noSpace && c == ' '))) {
                throw new IllegalArgumentException(what + (whose == null ? "" : " " + whose)
                        + " has a forbidden character 0x" + Integer.toHexString(c) + " at index " + i);
            }
            b[at++] = c < 0x100 ? (byte) c : (byte) '?';
        }
        length = at;
    }

    private void writeDecimal(long v) {
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        ensure(digits);
        int at = length + digits;
        length = at;
        do {
            buf[--at] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v > 0);
    }

    /** Constant bytes, built once when the class loads. */
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void ensure(int more) {
        if (buf.length - length < more) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, length + more));
        }
    }
}
