package dev.spool.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one {@link MockResponse} to a connection, cutting it short where its fault says, and tells
 * the connection how to end: keep it, disconnect, reset, or stall. The final flush is left to the
 * caller, so the connection can mark itself idle before the client can have seen the last byte.
 */
final class ResponseWriter {
    /** What the connection does after the response. */
    enum Ending { KEEP_ALIVE, DISCONNECT, RESET, STALL }

    /** How the body's end is marked. */
    private enum Framing { LENGTH, CHUNKED, CLOSE }

    /** Chunk size when chunking is forced by a fault or a streamed coding rather than asked for. */
    private static final int DEFAULT_CHUNK = 8192;
    /** OVERSIZED_HEADERS: 100 fields of about 1 KiB make the promised ~100 KiB header block. */
    private static final int FILLER_FIELDS = 100;
    private static final int FILLER_VALUE_LENGTH = 1000;
    private static final byte[] GARBAGE = "garbage, not an HTTP status line\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** One period-aligned block of the generated body; 64 KiB is a multiple of its 64-byte line. */
    private static final byte[] GENERATED_BLOCK = new byte[64 * 1024];

    static {
        for (int i = 0; i < GENERATED_BLOCK.length; i++) {
            GENERATED_BLOCK[i] = MockResponse.generatedByte(i);
        }
    }

    private ResponseWriter() {
    }

    /**
     * Writes the response.
     *
     * @param announceClose the server will close after this response and says so with {@code Connection: close}
     * @param silentClose the server will close after this response without saying so
     */
    static Ending write(MockResponse r, RequestHead request, boolean announceClose, boolean silentClose,
                        OutputStream socketOut, MockServer server) throws IOException {
        Fault fault = r.faultValue();
        if (fault != null) {
            switch (fault) {
                case DISCONNECT_AT_START: // reached only through a dispatcher, after the request was read
                case DISCONNECT_AFTER_REQUEST:
                    return Ending.DISCONNECT;
                case RESET_AT_START:
                case RESET_AFTER_REQUEST:
                    return Ending.RESET;
                default:
                    break;
            }
        }
        if (!r.headersDelayValue().isZero()) {
            server.pause(r.headersDelayValue());
        }
        OutputStream wire = r.throttleBytes() > 0
                ? new ThrottledOutputStream(socketOut, r.throttleBytes(), r.throttlePeriod(), server)
                : socketOut;
        if (r.rawBytes() != null) {
            wire.write(r.rawBytes());
            return r.rawKeepAliveSet() && !announceClose && !silentClose ? Ending.KEEP_ALIVE : Ending.DISCONNECT;
        }
        if (fault == Fault.STALL_BEFORE_HEADERS) {
            return Ending.STALL;
        }
        if (fault == Fault.GARBAGE_STATUS_LINE) {
            wire.write(GARBAGE);
            return Ending.DISCONNECT;
        }

        int status = r.status();
        boolean statusHasBody = status >= 200 && status != 204 && status != 304; // RFC 9110 sections 15.3.5, 15.4.5
        boolean sendBody = statusHasBody && !request.method.equals("HEAD");
        boolean streamedCoding = r.generatedSize() >= 0 && r.coding() != MockResponse.Coding.NONE;
        byte[] entity = r.generatedSize() < 0 ? r.encodedBody() : null;
        long entityLength = entity != null ? entity.length : streamedCoding ? -1 : r.generatedSize();

        Framing framing;
        if (r.chunkSize() > 0 || fault == Fault.TRUNCATED_CHUNKED || fault == Fault.CONFLICTING_CL_TE) {
            framing = Framing.CHUNKED;
        } else if (r.noContentLengthSet()) {
            framing = Framing.CLOSE;
        } else if (streamedCoding) {
            framing = Framing.CHUNKED;
        } else {
            framing = Framing.LENGTH;
        }

        List<String> h = r.headers();
        boolean userConnectionClose = hasToken(h, "Connection", "close");
        boolean userKeepAlive = hasToken(h, "Connection", "keep-alive");
        boolean close = announceClose || silentClose || r.closeConnectionSet() || userConnectionClose
                || (sendBody && framing == Framing.CLOSE) || (r.http10Set() && !userKeepAlive)
                || fault == Fault.CLOSE_AFTER_RESPONSE || fault == Fault.TRUNCATED_CHUNKED;

        StringBuilder head = new StringBuilder(256);
        head.append(r.http10Set() ? "HTTP/1.0 " : "HTTP/1.1 ").append(status).append(' ').append(r.reasonPhrase()).append("\r\n");
        for (int i = 0; i < h.size(); i += 2) {
            field(head, h.get(i), h.get(i + 1));
        }
        if (r.coding() != MockResponse.Coding.NONE && !has(h, "Content-Encoding")) {
            field(head, "Content-Encoding", r.coding() == MockResponse.Coding.GZIP ? "gzip" : "deflate");
        }
        if (fault == Fault.TWO_CONTENT_LENGTHS) {
            long n = Math.max(entityLength, 0);
            field(head, "Content-Length", Long.toString(n));
            field(head, "Content-Length", Long.toString(n + 1));
        } else if (fault == Fault.CONFLICTING_CL_TE) {
            field(head, "Content-Length", Long.toString(entityLength >= 0 ? entityLength : r.generatedSize()));
        } else if (framing == Framing.LENGTH && statusHasBody && !has(h, "Content-Length")) {
            field(head, "Content-Length", Long.toString(entityLength));
        }
        if (framing == Framing.CHUNKED && statusHasBody && !has(h, "Transfer-Encoding")) {
            field(head, "Transfer-Encoding", "chunked");
        }
        if (r.keepAliveTimeoutSeconds() >= 0) {
            field(head, "Keep-Alive", "timeout=" + r.keepAliveTimeoutSeconds());
        }
        if (!has(h, "Connection")) {
            if (announceClose || r.closeConnectionSet()) {
                field(head, "Connection", "close");
            } else if (request.http10() && !close) {
                field(head, "Connection", "keep-alive"); // an HTTP/1.0 client closes unless told otherwise
            }
        }
        if (fault == Fault.OVERSIZED_HEADERS) {
            char[] filler = new char[FILLER_VALUE_LENGTH];
            Arrays.fill(filler, 'x');
            String value = new String(filler);
            for (int i = 1; i <= FILLER_FIELDS; i++) {
                field(head, "X-Filler-" + i, value);
            }
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);

        if (fault == Fault.DISCONNECT_MID_HEADERS || fault == Fault.RESET_MID_HEADERS) {
            wire.write(headBytes, 0, headBytes.length / 2);
            return fault == Fault.RESET_MID_HEADERS ? Ending.RESET : Ending.DISCONNECT;
        }
        wire.write(headBytes);
        boolean cut = fault == Fault.DISCONNECT_MID_BODY || fault == Fault.RESET_MID_BODY || fault == Fault.STALL_MID_BODY;
        if (sendBody) {
            writeBody(r, wire, framing, entity, cut, fault == Fault.TRUNCATED_CHUNKED);
        }
        if (fault == Fault.DISCONNECT_MID_BODY) {
            return Ending.DISCONNECT;
        } else if (fault == Fault.RESET_MID_BODY) {
            return Ending.RESET;
        } else if (fault == Fault.STALL_MID_BODY) {
            return Ending.STALL;
        }
        return close ? Ending.DISCONNECT : Ending.KEEP_ALIVE;
    }

    /**
     * Writes the body; {@code cut} stops after half of it (half of the uncompressed bytes when the
     * body is compressed as it streams) and flushes, so the client has that half.
     */
    private static void writeBody(MockResponse r, OutputStream wire, Framing framing, byte[] entity, boolean cut,
                                  boolean truncate) throws IOException {
        ChunkedOutputStream chunks = framing == Framing.CHUNKED
                ? new ChunkedOutputStream(wire, r.chunkSize() > 0 ? r.chunkSize() : DEFAULT_CHUNK)
                : null;
        OutputStream framed = chunks != null ? chunks : wire;
        if (entity != null) {
            framed.write(entity, 0, cut ? entity.length / 2 : entity.length);
        } else if (r.coding() == MockResponse.Coding.NONE) {
            writeGenerated(framed, cut ? r.generatedSize() / 2 : r.generatedSize());
        } else {
            OutputStream shielded = new NonClosingOutputStream(framed);
            Deflater deflater = r.coding() == MockResponse.Coding.DEFLATE ? new Deflater() : null;
            DeflaterOutputStream z = deflater == null
                    ? new GZIPOutputStream(shielded, 8192, true)
                    : new DeflaterOutputStream(shielded, deflater, 8192, true);
            try {
                writeGenerated(z, cut ? r.generatedSize() / 2 : r.generatedSize());
                if (cut) {
                    z.flush(); // sync flush: the client can decompress the half it gets
                } else {
                    z.close(); // finishes the stream; the shield keeps the connection open
                }
            } finally {
                if (deflater != null) {
                    deflater.end(); // a Deflater passed in is not ended by the stream
                }
            }
        }
        if (chunks != null) {
            if (cut || truncate) {
                chunks.flush();
            } else {
                chunks.finish(r.trailers());
            }
        } else if (cut) {
            wire.flush();
        }
    }

    private static void writeGenerated(OutputStream out, long n) throws IOException {
        long left = n;
        while (left > 0) {
            int len = (int) Math.min(left, GENERATED_BLOCK.length);
            out.write(GENERATED_BLOCK, 0, len); // blocks start at multiples of 64 KiB, so the pattern lines up
            left -= len;
        }
    }

    private static void field(StringBuilder head, String name, String value) {
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static boolean has(List<String> namesAndValues, String name) {
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (namesAndValues.get(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasToken(List<String> namesAndValues, String name, String token) {
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (namesAndValues.get(i).equalsIgnoreCase(name)) {
                for (String t : namesAndValues.get(i + 1).split(",")) {
                    if (t.trim().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
