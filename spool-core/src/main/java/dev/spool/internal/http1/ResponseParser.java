package dev.spool.internal.http1;

import dev.spool.Headers;
import dev.spool.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An I/O-free HTTP/1.1 response parser (RFC 9112), pulled like StAX: the caller puts the bytes it
 * read into the parser's buffer and calls {@link #next()} for events; one parser serves every
 * response of one connection.
 *
 * <p>Body data is handed out as slices of the internal buffer, so a body event allocates nothing;
 * a head allocates its header values, the header array and its {@link Headers}, while common names,
 * values and reason phrases come from {@link CommonStrings}. Every error is an
 * {@link Http1Exception} with a plain message, after which the parser is failed for good: the
 * connection must be closed. Like the connection it belongs to, a parser is used by one thread at a
 * time and does no locking.
 */
public final class ResponseParser {
    /** What {@link #next()} found. */
    public enum Event {
        /** More bytes (or the end of input) are needed before anything else can be said. */
        NEED_DATA,
        /** A 1xx interim response (not 101): status and headers are readable; call next() again. */
        INFORMATIONAL,
        /** The final status line and header block: status, headers and framing are readable. */
        HEAD,
        /** A slice of body data in {@link #bodyArray()}; never empty. */
        BODY,
        /** The message is complete; trailers and the final keep-alive decision are readable. */
        END
    }

    /** How the body of the current response is framed (RFC 9112 section 6.3). */
    public enum Framing {
        /** No body: HEAD request, 1xx, 101, 204 or 304. */
        NONE,
        /** Exactly {@link #contentLength()} bytes. */
        CONTENT_LENGTH,
        /** The chunked transfer coding (RFC 9112 section 7.1). */
        CHUNKED,
        /** Everything until the server closes the connection. */
        UNTIL_CLOSE
    }

    /**
     * Where the parser is inside the byte stream of a response. Every move goes through
     * {@link #moveTo}, which checks it against the table in the static block, so an unexpected
     * transition fails loudly instead of parsing bytes in the wrong mode.
     */
    enum State {
        /** Before the status line: at the start of a response or after a 1xx response. */
        STATUS_LINE,
        /** Inside the header block. */
        HEADER_FIELDS,
        /** Inside a body framed by Content-Length. */
        BODY_LENGTH,
        /** Inside a body delimited by the end of the connection. */
        BODY_UNTIL_CLOSE,
        /** Expecting a chunk-size line. */
        CHUNK_SIZE,
        /** Inside the data of a chunk. */
        CHUNK_DATA,
        /** Expecting the CRLF that closes a chunk's data. */
        CHUNK_DATA_END,
        /** Inside the trailer section after the last chunk. */
        TRAILER_FIELDS,
        /** The message is complete; next() returns END until the next startResponse. */
        DONE,
        /** The bytes broke the protocol; the connection cannot be used any more. */
        FAILED;

        private Set<State> successors;

        static {
            STATUS_LINE.successors = EnumSet.of(HEADER_FIELDS, FAILED);
            // After a head: back to STATUS_LINE for a 1xx, else into the body its framing says.
            HEADER_FIELDS.successors =
                    EnumSet.of(STATUS_LINE, BODY_LENGTH, BODY_UNTIL_CLOSE, CHUNK_SIZE, DONE, FAILED);
            BODY_LENGTH.successors = EnumSet.of(DONE, FAILED);
            BODY_UNTIL_CLOSE.successors = EnumSet.of(DONE);
            CHUNK_SIZE.successors = EnumSet.of(CHUNK_DATA, TRAILER_FIELDS, FAILED);
            CHUNK_DATA.successors = EnumSet.of(CHUNK_DATA_END, FAILED);
            CHUNK_DATA_END.successors = EnumSet.of(CHUNK_SIZE, FAILED);
            TRAILER_FIELDS.successors = EnumSet.of(DONE, FAILED);
            DONE.successors = EnumSet.of(STATUS_LINE);
            FAILED.successors = EnumSet.noneOf(State.class);
        }

        boolean canMoveTo(State next) {
            return successors.contains(next);
        }
    }

    /** 16 KiB: holds a typical head whole and matches common socket read sizes. */
    private static final int INITIAL_CAPACITY = 16 * 1024;

    /** "HTTP/1.1 200": the shortest legal status line (RFC 9112 section 4, reason may be empty). */
    private static final int MIN_STATUS_LINE = 12;

    /** Chunk sizes above 2^62 are refused: no real body is that big, and it keeps sums far from overflow. */
    private static final long MAX_CHUNK_SIZE = 1L << 62;

    /** 16 hex digits are 64 bits; a longer chunk size is hostile even with leading zeros. */
    private static final int MAX_CHUNK_SIZE_DIGITS = 16;

    /** RFC 9110 section 5.6.4: qdtext, the characters allowed bare inside a quoted string. */
    private static final boolean[] QDTEXT = new boolean[256];

    static {
        QDTEXT['\t'] = true;
        for (int c = 0x20; c < 0x100; c++) {
            QDTEXT[c] = c != '"' && c != '\\' && c != 0x7f;
        }
    }

    private final HeaderLimits limits;
    /** The longest line allowed: a line longer than the whole head limit could never fit either. */
    private final int lineLimit;
    /** How far {@link #inputBuffer} may grow: a pending line at its longest plus one more read. */
    private final int maxCapacity;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    /** Start of the unconsumed bytes. */
    private int pos;
    /** End of the bytes written into {@link #buf}. */
    private int limit;
    /** How many bytes after {@link #pos} are known to hold no LF, so a partial line is not rescanned. */
    private int scanned;
    private boolean eof;
    private State state = State.STATUS_LINE;
    private String failure;

    private boolean headRequest;
    private long bytesReceived;
    /** Bytes of the current head or trailer section so far, for {@link HeaderLimits#maxHeadBytes()}. */
    private int sectionBytes;
    /** Alternating names and values of the section being parsed; reused, copied out when it ends. */
    private String[] fields = new String[32];
    private int fieldCount;

    private int status;
    private String reason = "";
    private int minorVersion = 1;
    private Headers headers = Headers.EMPTY;
    private Headers trailers = Headers.EMPTY;
    private Framing framing = Framing.NONE;
    private long contentLength = -1;
    private boolean keepAlive;
    private long keepAliveTimeout = -1;
    /** Body bytes still to come: of the Content-Length body, or of the current chunk. */
    private long remaining;
    private int bodyOffset;
    private int bodyLength;
    private final FramingFields framingFields = new FramingFields();

    /**
     * Creates a parser ready for the first response of a connection (as if
     * {@code startResponse(false)} had been called).
     *
     * @param limits the bounds on each head and trailer section
     */
    public ResponseParser(HeaderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        if (limits.maxHeadBytes() <= 0 || limits.maxFields() < 0 || limits.maxLineBytes() <= 0) {
            throw new IllegalArgumentException("header limits out of range (bytes and line must be positive): "
                    + limits);
        }
        this.lineLimit = Math.min(limits.maxLineBytes(), limits.maxHeadBytes());
        // A partial status line is held until QUOTE_BYTES + 2 bytes are in (see checkPartialLine).
        this.maxCapacity = Math.max(lineLimit, WireText.QUOTE_BYTES) + 2 + INITIAL_CAPACITY;
    }

    /**
     * Prepares for the next response on the connection. Bytes already buffered but not consumed
     * (a pipelined or early next response) are kept and count as received for it.
     *
     * @param headRequest whether the request was HEAD, whose response has no body whatever its
     *     headers say (RFC 9112 section 6.3, rule 1)
     * @throws IllegalStateException if the previous response is not complete
     */
    public void startResponse(boolean headRequest) {
        boolean untouched = state == State.STATUS_LINE && sectionBytes == 0 && status == 0;
        if (state != State.DONE && !untouched) {
            throw new IllegalStateException("the previous response is not complete (parser state " + state + ")");
        }
        if (state == State.DONE) {
            moveTo(State.STATUS_LINE);
        }
        this.headRequest = headRequest;
        bytesReceived = limit - pos;
        sectionBytes = 0;
        clearFields();
        status = 0;
        reason = "";
        minorVersion = 1;
        headers = Headers.EMPTY;
        trailers = Headers.EMPTY;
        framing = Framing.NONE;
        contentLength = -1;
        keepAlive = false;
        keepAliveTimeout = -1;
        remaining = 0;
        bodyOffset = 0;
        bodyLength = 0;
    }

    /**
     * Makes room to read into and returns the buffer: afterwards at least {@code minSpace} bytes are
     * free from {@link #inputOffset()} (a request above 16 KiB counts as 16 KiB). The buffer is
     * compacted, and grows only as far as the head limits need; call {@link #next()} until
     * {@code NEED_DATA} before asking, so no unconsumed body occupies it.
     *
     * @throws IllegalStateException if unconsumed bytes fill the buffer to its bound
     */
    public byte[] inputBuffer(int minSpace) {
        if (minSpace < 0) {
            throw new IllegalArgumentException("minSpace " + minSpace);
        }
        int want = Math.max(1, Math.min(minSpace, INITIAL_CAPACITY));
        if (buf.length - limit >= want) {
            return buf;
        }
        compact();
        if (buf.length - limit >= want) {
            return buf;
        }
        int capacity = Math.max(buf.length, Math.min(maxCapacity, Math.max(2 * buf.length, limit + want)));
        if (capacity > buf.length) {
            buf = Arrays.copyOf(buf, capacity);
        }
        if (limit == buf.length) {
            throw new IllegalStateException("the input buffer is full of unconsumed bytes; call next() first");
        }
        return buf;
    }

    /** Where in {@link #inputBuffer} the next bytes go. */
    public int inputOffset() {
        return limit;
    }

    /** How many bytes fit in {@link #inputBuffer} from {@link #inputOffset()}. */
    public int inputSpace() {
        return buf.length - limit;
    }

    /**
     * Takes in {@code n} bytes the caller wrote into {@link #inputBuffer} at {@link #inputOffset()}.
     *
     * @throws IllegalArgumentException if n is negative or more than {@link #inputSpace()}
     */
    public void inputWritten(int n) {
        if (n < 0 || n > buf.length - limit) {
            throw new IllegalArgumentException("wrote " + n + " bytes into " + (buf.length - limit) + " of space");
        }
        if (n == 0) {
            return;
        }
        checkOpenInput();
        limit += n;
        bytesReceived += n;
    }

    /**
     * Copies bytes in, growing the buffer as much as needed (for tests and for callers that already
     * hold the bytes; a socket loop should use {@link #inputBuffer} instead).
     */
    public void feed(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpenInput();
        if (buf.length - limit < len) {
            compact();
            if (buf.length - limit < len) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, limit + len));
            }
        }
        System.arraycopy(b, off, buf, limit, len);
        limit += len;
        bytesReceived += len;
    }

    /** Says the peer closed its side: no more bytes will come. */
    public void feedEof() {
        eof = true;
    }

    /**
     * Parses as far as the buffered bytes allow and returns what it found. A BODY slice and every
     * offset into the buffer stay valid only until the next call on this parser.
     *
     * @throws Http1Exception if the bytes break HTTP/1.1 or a limit, or the input ended too early;
     *     the parser then stays failed
     */
    public Event next() throws Http1Exception {
        if (pos == limit) {
            // Nothing pending: start the buffer over so reads land at its front.
            pos = 0;
            limit = 0;
        }
        while (true) {
            Event event;
            switch (state) {
                case STATUS_LINE:
                case HEADER_FIELDS:
                case TRAILER_FIELDS:
                    event = readLines();
                    break;
                case BODY_LENGTH:
                    event = readLengthBody();
                    break;
                case BODY_UNTIL_CLOSE:
                    event = readUntilCloseBody();
                    break;
                case CHUNK_SIZE:
                    event = readChunkSize();
                    break;
                case CHUNK_DATA:
                    event = readChunkData();
                    break;
                case CHUNK_DATA_END:
                    event = readChunkDataEnd();
                    break;
                case DONE:
                    return Event.END;
                case FAILED:
                    throw new Http1Exception(failure);
                default:
                    throw new AssertionError(state);
            }
            if (event != null) {
                return event;
            }
        }
    }

    /** The status code of the last head (INFORMATIONAL or HEAD); 0 before any. */
    public int status() {
        return status;
    }

    /** The reason phrase of the last head, possibly empty. */
    public String reason() {
        return reason;
    }

    /** The minor version of the last status line: 0 for HTTP/1.0, 1 for HTTP/1.1. */
    public int minorVersion() {
        return minorVersion;
    }

    /** The header fields of the last head, in order. */
    public Headers headers() {
        return headers;
    }

    /** How the body of the current response is framed; NONE before HEAD. */
    public Framing framing() {
        return framing;
    }

    /** The body length when framing is CONTENT_LENGTH, else -1. */
    public long contentLength() {
        return contentLength;
    }

    /**
     * Whether the connection may carry another request after this response (RFC 9112 section 9.3):
     * decided by the head, and false once the peer has closed; final after END.
     */
    public boolean keepAlive() {
        return keepAlive && !eof;
    }

    /** The {@code timeout=N} of a {@code Keep-Alive} header, or -1 when absent or malformed. */
    public long keepAliveTimeoutSeconds() {
        return keepAliveTimeout;
    }

    /** The array holding the last BODY slice (the internal buffer). */
    public byte[] bodyArray() {
        return buf;
    }

    /** Where the last BODY slice starts in {@link #bodyArray()}. */
    public int bodyOffset() {
        return bodyOffset;
    }

    /** How long the last BODY slice is. */
    public int bodyLength() {
        return bodyLength;
    }

    /**
     * How many body bytes the caller may read straight from the socket into its own array, skipping
     * the parser's buffer: the rest of the Content-Length body or of the current chunk, or
     * {@code Long.MAX_VALUE} for a body that runs until close. 0 when not inside body data, when
     * bytes are still buffered (those must come out through {@link #next()} first), or after the end
     * of input (then {@link #next()} reports the truncation: a caller that kept reading directly
     * would see EOF after EOF and never learn the body was cut short).
     */
    public long directBodyLimit() {
        if (pos != limit || eof) {
            return 0;
        }
        switch (state) {
            case BODY_LENGTH:
            case CHUNK_DATA:
                return remaining;
            case BODY_UNTIL_CLOSE:
                return Long.MAX_VALUE;
            default:
                return 0;
        }
    }

    /**
     * Accounts for {@code n} body bytes the caller read directly (see {@link #directBodyLimit()}),
     * as if BODY events had delivered them; next() then goes on from after them.
     *
     * @throws IllegalArgumentException if n is negative or above {@link #directBodyLimit()}
     */
    public void directBodyRead(int n) {
        if (n < 0 || n > directBodyLimit()) {
            throw new IllegalArgumentException("read " + n + " body bytes directly; the limit is " + directBodyLimit());
        }
        if (n == 0) {
            return;
        }
        bytesReceived += n;
        if (state == State.BODY_UNTIL_CLOSE) {
            return;
        }
        remaining -= n;
        if (remaining == 0) {
            moveTo(state == State.BODY_LENGTH ? State.DONE : State.CHUNK_DATA_END);
        }
    }

    /** The trailer fields of a chunked body, readable after END; {@code Headers.EMPTY} otherwise. */
    public Headers trailers() {
        return trailers;
    }

    /** How many bytes are buffered but not yet consumed. */
    public int buffered() {
        return limit - pos;
    }

    /**
     * How many bytes were taken in for the current response (including leftovers buffered when it
     * started, and bytes read directly): 0 means the server sent nothing for it.
     */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** The parser's state, for tests. */
    State state() {
        return state;
    }

    // ---------------------------------------------------------------- state machine

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("parser bug: no transition from " + state + " to " + next);
        }
        state = next;
    }

    /** Fails the parser for good and returns the exception to throw. */
    private Http1Exception fail(String message) {
        failure = message;
        moveTo(State.FAILED);
        return new Http1Exception(message);
    }

    private void checkOpenInput() {
        if (eof) {
            throw new IllegalStateException("bytes fed after the end of input");
        }
    }

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }

    /** Returns NEED_DATA, or throws when the input has ended where more bytes were required. */
    private Event needData() throws Http1Exception {
        if (!eof) {
            return Event.NEED_DATA;
        }
        switch (state) {
            case STATUS_LINE:
                if (bytesReceived == 0) {
                    throw fail("server closed the connection without sending any response");
                }
                throw fail("server closed the connection before sending a complete response head");
            case HEADER_FIELDS:
                throw fail("server closed the connection before sending a complete response head");
            case BODY_LENGTH:
                throw fail("response body ended after " + (contentLength - remaining) + " of " + contentLength
                        + " bytes (Content-Length)");
            case TRAILER_FIELDS:
                throw fail("chunked body ended inside its trailer section");
            default:
                throw fail("chunked body ended before the last chunk");
        }
    }

    // ---------------------------------------------------------------- lines: head and trailers

    /** Index of the next LF at or after {@link #pos}, or -1 (then {@link #scanned} remembers how far). */
    private int findLf() {
        byte[] b = buf;
        for (int i = pos + scanned, end = limit; i < end; i++) {
            if (b[i] == '\n') {
                scanned = 0;
                return i;
            }
        }
        scanned = limit - pos;
        return -1;
    }

    /**
     * Reads complete lines of the status line, header block or trailer section until an event is
     * due or a line is incomplete. Lines end in CRLF or, leniently like most clients, a bare LF.
     */
    private Event readLines() throws Http1Exception {
        while (true) {
            int lf = findLf();
            if (lf < 0) {
                checkPartialLine();
                return needData();
            }
            int start = pos;
            int end = lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
            int lineBytes = lf + 1 - start;
            pos = lf + 1;
            Event event = state == State.STATUS_LINE
                    ? statusLine(start, end, lineBytes)
                    : fieldLine(start, end, lineBytes);
            if (event != null) {
                return event;
            }
        }
    }

    /**
     * Fails early on a line that can no longer be legal, so a hostile server cannot make the buffer
     * grow. The checks give exactly the error the complete line would, whatever the split of bytes:
     * a status line is judged on its first bytes once {@code QUOTE_BYTES + 2} are in (its content is then
     * surely longer than the quote), any line on its length once it surely exceeds the limit.
     */
    private void checkPartialLine() throws Http1Exception {
        int k = limit - pos; // bytes of the line so far; the last may be the CR of its CRLF
        if (state == State.STATUS_LINE) {
            if (k < WireText.QUOTE_BYTES + 2) {
                return;
            }
            checkStatusLineStart(pos, k);
        }
        if (k > lineLimit + 1) {
            throw fail(lineTooLong());
        }
    }

    private String lineTooLong() {
        if (lineLimit < limits.maxLineBytes()) {
            return sectionTooBig();
        }
        switch (state) {
            case STATUS_LINE:
                return "response status line exceeds " + lineLimit + " bytes";
            case TRAILER_FIELDS:
                return "response trailer line exceeds " + lineLimit + " bytes";
            case CHUNK_SIZE:
                return "chunk size line exceeds " + lineLimit + " bytes";
            default:
                return "response header line exceeds " + lineLimit + " bytes";
        }
    }

    private String sectionTooBig() {
        return (state == State.TRAILER_FIELDS ? "response trailer section exceeds " : "response header block exceeds ")
                + limits.maxHeadBytes() + " bytes";
    }

    /** Counts a complete line against the line and section limits. */
    private void countLine(int contentLength, int lineBytes) throws Http1Exception {
        if (contentLength > lineLimit) {
            throw fail(lineTooLong());
        }
        sectionBytes += lineBytes;
        if (sectionBytes > limits.maxHeadBytes()) {
            throw fail(sectionTooBig());
        }
    }

    /**
     * Checks the fixed-layout start of a status line, {@code HTTP/1.x SP 3DIGIT [SP]} (RFC 9112
     * section 4), given {@code known} bytes of it (all of it, or a partial line that is surely longer
     * than {@link WireText#QUOTE_BYTES}).
     */
    private void checkStatusLineStart(int s, int known) throws Http1Exception {
        byte[] b = buf;
        if (known < MIN_STATUS_LINE
                || b[s] != 'H' || b[s + 1] != 'T' || b[s + 2] != 'T' || b[s + 3] != 'P' || b[s + 4] != '/'
                || !isDigit(b[s + 5]) || b[s + 6] != '.' || !isDigit(b[s + 7])) {
            throw fail("malformed status line " + WireText.quote(b, s, known) + tlsHint(s, known));
        }
        if (b[s + 5] != '1' || (b[s + 7] != '0' && b[s + 7] != '1')) {
            throw fail("unsupported HTTP version " + WireText.quote(b, s, 8) + " in status line "
                    + WireText.quote(b, s, known) + " (only HTTP/1.0 and HTTP/1.1 are spoken here)");
        }
        if (b[s + 8] != ' ' || b[s + 9] < '1' || b[s + 9] > '9' || !isDigit(b[s + 10]) || !isDigit(b[s + 11])
                || (known > MIN_STATUS_LINE && b[s + 12] != ' ')) {
            throw fail("malformed status line " + WireText.quote(b, s, known));
        }
    }

    /**
     * A hint when the bytes start like a TLS record (content type 21 alert or 22 handshake, then
     * major version 3; RFC 8446 section 5.1): a plain http:// request reached a server that speaks TLS.
     */
    private String tlsHint(int s, int known) {
        byte[] b = buf;
        return known >= 2 && (b[s] == 0x15 || b[s] == 0x16) && b[s + 1] == 0x03
                ? " (a TLS record: the server speaks HTTPS on this port; use https://)"
                : "";
    }

    private Event statusLine(int start, int end, int lineBytes) throws Http1Exception {
        if (end == start) {
            // Robustness (RFC 9112 section 2.2): some servers send an extra CRLF after a body.
            countLine(0, lineBytes);
            return null;
        }
        int length = end - start;
        checkStatusLineStart(start, length);
        countLine(length, lineBytes);
        byte[] b = buf;
        // reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ); it may be missing altogether.
        for (int i = start + MIN_STATUS_LINE + 1; i < end; i++) {
            int c = b[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw fail("malformed status line " + WireText.quote(b, start, length));
            }
        }
        minorVersion = b[start + 7] - '0';
        status = (b[start + 9] - '0') * 100 + (b[start + 10] - '0') * 10 + (b[start + 11] - '0');
        int reasonStart = start + MIN_STATUS_LINE + 1;
        if (reasonStart >= end) {
            reason = "";
        } else {
            String common = CommonStrings.REASON_PHRASES.find(b, reasonStart, end - reasonStart);
            reason = common != null
                    ? common
                    : new String(b, reasonStart, end - reasonStart, StandardCharsets.ISO_8859_1);
        }
        moveTo(State.HEADER_FIELDS);
        return null;
    }

    /** A line of the header block or trailer section: a field, a continuation, or the empty end line. */
    private Event fieldLine(int start, int end, int lineBytes) throws Http1Exception {
        countLine(end - start, lineBytes);
        if (end == start) {
            return state == State.HEADER_FIELDS ? endOfHead() : endOfTrailers();
        }
        byte[] b = buf;
        byte first = b[start];
        if (first == ' ' || first == '\t') {
            continuationLine(start, end);
            return null;
        }
        int i = start;
        while (i < end && Tokens.isTchar(b[i] & 0xff)) {
            i++;
        }
        if (i == end || b[i] != ':' && indexOf(b, i, end, (byte) ':') < 0) {
            throw fail(section() + " line without a colon: " + WireText.quote(b, start, end - start));
        }
        if (b[i] != ':') {
            if (b[i] == ' ' || b[i] == '\t') {
                throw fail("whitespace between " + section() + " field name and colon (RFC 9112 section 5.1): "
                        + WireText.quote(b, start, end - start));
            }
            throw fail("invalid character " + WireText.describe(b[i]) + " in " + section() + " field name: "
                    + WireText.quote(b, start, end - start));
        }
        if (i == start) {
            throw fail("empty " + section() + " field name: " + WireText.quote(b, start, end - start));
        }
        int nameEnd = i;
        int valueStart = i + 1;
        while (valueStart < end && (b[valueStart] == ' ' || b[valueStart] == '\t')) {
            valueStart++;
        }
        int valueEnd = end;
        while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) {
            valueEnd--;
        }
        checkValue(start, end, valueStart, valueEnd);
        if (fieldCount >= limits.maxFields()) {
            throw fail("response has more than " + limits.maxFields() + " " + section() + " fields");
        }
        String name = CommonStrings.HEADER_NAMES.find(b, start, nameEnd - start);
        if (name == null) {
            name = new String(b, start, nameEnd - start, StandardCharsets.ISO_8859_1);
        }
        String value;
        if (valueEnd == valueStart) {
            value = "";
        } else {
            value = CommonStrings.HEADER_VALUES.find(b, valueStart, valueEnd - valueStart);
            if (value == null) {
                value = new String(b, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
            }
        }
        if (2 * fieldCount + 2 > fields.length) {
            fields = Arrays.copyOf(fields, 2 * fields.length);
        }
        fields[2 * fieldCount] = name;
        fields[2 * fieldCount + 1] = value;
        fieldCount++;
        return null;
    }

    /**
     * An obs-fold line (RFC 9112 section 5.2): its text joins the previous field's value, the fold
     * replaced by one space, as the RFC allows in place of rejecting the message.
     */
    private void continuationLine(int start, int end) throws Http1Exception {
        byte[] b = buf;
        if (fieldCount == 0) {
            // RFC 9112 section 2.2: whitespace before the first field must not be taken as a field.
            throw fail("whitespace before the first " + section() + " field: "
                    + WireText.quote(b, start, end - start));
        }
        int s = start;
        while (s < end && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        int e = end;
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        checkValue(start, end, s, e);
        if (e > s) {
            String more = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
            String previous = fields[2 * fieldCount - 1];
            fields[2 * fieldCount - 1] = previous.isEmpty() ? more : previous + ' ' + more;
        }
    }

    /** Field values may not hold CR, LF or NUL (RFC 9110 section 5.5): they enable header injection. */
    private void checkValue(int lineStart, int lineEnd, int valueStart, int valueEnd) throws Http1Exception {
        byte[] b = buf;
        for (int i = valueStart; i < valueEnd; i++) {
            byte c = b[i];
            if (c == '\r' || c == 0) {
                throw fail("forbidden character " + WireText.describe(c) + " in " + section() + " field value: "
                        + WireText.quote(b, lineStart, lineEnd - lineStart));
            }
        }
    }

    private String section() {
        return state == State.TRAILER_FIELDS ? "trailer" : "header";
    }

    private Headers takeFields() {
        if (fieldCount == 0) {
            return Headers.EMPTY;
        }
        Headers h = Headers.received(fields, fieldCount);
        clearFields();
        return h;
    }

    private void clearFields() {
        // Drop references so the reused array does not keep old values alive.
        Arrays.fill(fields, 0, 2 * fieldCount, null);
        fieldCount = 0;
    }

    private Event endOfTrailers() {
        trailers = takeFields();
        moveTo(State.DONE);
        return Event.END;
    }

    // ---------------------------------------------------------------- framing (RFC 9112 section 6.3)

    /** Decides framing and persistence from the header block just completed, and moves into the body. */
    private Event endOfHead() throws Http1Exception {
        FramingFields ff = framingFields;
        ff.reset();
        String[] f = fields;
        for (int i = 0, n = 2 * fieldCount; i < n; i += 2) {
            ff.add(f[i], f[i + 1]);
        }
        headers = takeFields();
        keepAliveTimeout = ff.keepAliveTimeoutSeconds();
        framing = Framing.NONE;
        contentLength = -1;
        keepAlive = false;

        if (status < 200 && status != 101) {
            // 1xx interim response: no body; the final response follows on the same connection.
            moveTo(State.STATUS_LINE);
            sectionBytes = 0;
            return Event.INFORMATIONAL;
        }
        // RFC 9112 section 9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
        boolean persistent = !ff.closeOption() && (minorVersion == 1 || ff.keepAliveOption());
        if (status == 101) {
            // Switching Protocols: what follows the head is no longer HTTP/1.1.
            persistent = false;
            moveTo(State.DONE);
        } else if (headRequest || status == 204 || status == 304) {
            // Rule 1: these end at the head whatever their framing headers say.
            moveTo(State.DONE);
        } else if (ff.hasTransferEncoding()) {
            if (ff.chunkedIsFinalCoding()) {
                framing = Framing.CHUNKED;
                moveTo(State.CHUNK_SIZE);
            } else {
                // Rule 4: chunked is not the final coding, so only the close delimits the body.
                framing = Framing.UNTIL_CLOSE;
                persistent = false;
                moveTo(State.BODY_UNTIL_CLOSE);
            }
            if (ff.hasContentLength() || minorVersion == 0) {
                // Rule 3 and section 6.1: Transfer-Encoding with Content-Length, or in HTTP/1.0, is how
                // request smuggling starts; read by Transfer-Encoding but never reuse the connection.
                persistent = false;
            }
        } else if (ff.hasContentLength()) {
            if (ff.contentLengthProblem() != null) {
                // Rule 5: an invalid or ambiguous Content-Length leaves no trustworthy framing.
                throw fail(ff.contentLengthProblem());
            }
            framing = Framing.CONTENT_LENGTH;
            contentLength = ff.contentLength();
            remaining = contentLength;
            moveTo(contentLength == 0 ? State.DONE : State.BODY_LENGTH);
        } else {
            // Rule 8: no framing header, so the body runs until the server closes.
            framing = Framing.UNTIL_CLOSE;
            persistent = false;
            moveTo(State.BODY_UNTIL_CLOSE);
        }
        keepAlive = persistent;
        return Event.HEAD;
    }

    // ---------------------------------------------------------------- bodies

    private Event readLengthBody() throws Http1Exception {
        int available = limit - pos;
        if (available == 0) {
            return needData();
        }
        int n = (int) Math.min(available, remaining);
        deliver(n);
        if (remaining == 0) {
            moveTo(State.DONE);
        }
        return Event.BODY;
    }

    private Event readUntilCloseBody() {
        int available = limit - pos;
        if (available > 0) {
            bodyOffset = pos;
            bodyLength = available;
            pos = limit;
            return Event.BODY;
        }
        if (eof) {
            moveTo(State.DONE);
            return Event.END;
        }
        return Event.NEED_DATA;
    }

    private Event readChunkData() throws Http1Exception {
        int available = limit - pos;
        if (available == 0) {
            return needData();
        }
        deliver((int) Math.min(available, remaining));
        if (remaining == 0) {
            moveTo(State.CHUNK_DATA_END);
        }
        return Event.BODY;
    }

    private void deliver(int n) {
        bodyOffset = pos;
        bodyLength = n;
        pos += n;
        remaining -= n;
    }

    /** The CRLF after a chunk's data (RFC 9112 section 7.1); a bare LF is accepted like elsewhere. */
    private Event readChunkDataEnd() throws Http1Exception {
        if (limit - pos < 1) {
            return needData();
        }
        byte c = buf[pos];
        if (c == '\r') {
            if (limit - pos < 2) {
                return needData();
            }
            if (buf[pos + 1] != '\n') {
                throw fail("missing CRLF after chunk data: found " + WireText.describe(buf[pos + 1]) + " after CR");
            }
            pos += 2;
        } else if (c == '\n') {
            pos += 1;
        } else {
            throw fail("missing CRLF after chunk data: found " + WireText.describe(c));
        }
        moveTo(State.CHUNK_SIZE);
        return null;
    }

    /** {@code chunk-size [chunk-ext] CRLF} (RFC 9112 section 7.1.1); extensions are checked and ignored. */
    private Event readChunkSize() throws Http1Exception {
        int lf = findLf();
        if (lf < 0) {
            if (limit - pos > lineLimit + 1) {
                throw fail(lineTooLong());
            }
            return needData();
        }
        int start = pos;
        int end = lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
        pos = lf + 1;
        if (end - start > lineLimit) {
            throw fail(lineTooLong());
        }
        byte[] b = buf;
        long size = 0;
        int i = start;
        while (i < end) {
            int h = hexValue(b[i]);
            if (h < 0) {
                break;
            }
            if (i - start == MAX_CHUNK_SIZE_DIGITS) {
                throw fail("chunk size has more than " + MAX_CHUNK_SIZE_DIGITS + " hex digits: "
                        + WireText.quote(b, start, end - start));
            }
            size = size << 4 | h;
            i++;
        }
        if (i == start || !chunkExtensions(i, end)) {
            throw fail("malformed chunk size line " + WireText.quote(b, start, end - start));
        }
        if (Long.compareUnsigned(size, MAX_CHUNK_SIZE) > 0) {
            throw fail("chunk size exceeds 2^62 bytes: " + WireText.quote(b, start, end - start));
        }
        if (size == 0) {
            sectionBytes = 0;
            clearFields();
            moveTo(State.TRAILER_FIELDS);
        } else {
            remaining = size;
            moveTo(State.CHUNK_DATA);
        }
        return null;
    }

    /**
     * Whether {@code buf[i, end)} is a well-formed chunk-ext:
     * {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}, with trailing
     * whitespace tolerated as many servers send it.
     */
    private boolean chunkExtensions(int i, int end) {
        byte[] b = buf;
        while (true) {
            i = skipBws(i, end);
            if (i == end) {
                return true;
            }
            if (b[i] != ';') {
                return false;
            }
            i = skipBws(i + 1, end);
            int nameStart = i;
            while (i < end && Tokens.isTchar(b[i] & 0xff)) {
                i++;
            }
            if (i == nameStart) {
                return false;
            }
            i = skipBws(i, end);
            if (i < end && b[i] == '=') {
                i = skipBws(i + 1, end);
                if (i < end && b[i] == '"') {
                    i = quotedStringEnd(i + 1, end);
                    if (i < 0) {
                        return false;
                    }
                } else {
                    int valueStart = i;
                    while (i < end && Tokens.isTchar(b[i] & 0xff)) {
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
    private int quotedStringEnd(int i, int end) {
        byte[] b = buf;
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
            } else if (QDTEXT[c]) {
                i++;
            } else {
                return -1;
            }
        }
        return -1;
    }

    private int skipBws(int i, int end) {
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        return i;
    }

    // ---------------------------------------------------------------- small helpers

    private static int indexOf(byte[] b, int from, int end, byte c) {
        for (int i = from; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
