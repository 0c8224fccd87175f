package dev.spool.internal.http1;

import dev.spool.Headers;
import java.util.Objects;

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
 *
 * <p>The work is split as in h11: this class keeps the connection's parse state ({@link ParserState}
 * and its transition table) and the API; {@link HeadReader} holds the grammar of status lines and
 * field lines, {@link FramingFields} the framing and persistence rules, {@link BodyReader} the
 * Content-Length, chunked and until-close bodies, and {@link WireBuffer} the bytes.
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
        /**
         * The chunked transfer coding (RFC 9112 section 7.1): the final coding is exactly
         * {@code chunked}; any other coding listed before it is not undone.
         */
        CHUNKED,
        /**
         * Everything until the server closes the connection: no framing header, or a final transfer
         * coding other than exactly {@code chunked} (with parameters, or one Spool does not implement).
         */
        UNTIL_CLOSE
    }

    private final WireBuffer in;
    private final HeadReader head;
    private final BodyReader body;
    private final FramingFields framingFields = new FramingFields();
    private ParserState state = ParserState.STATUS_LINE;
    private String failure;

    private boolean headRequest;
    private long bytesReceived;
    private Headers headers = Headers.EMPTY;
    private Headers trailers = Headers.EMPTY;
    private Framing framing = Framing.NONE;
    private long contentLength = -1;
    private boolean keepAlive;
    private long keepAliveTimeout = -1;

    /**
     * Creates a parser ready for the first response of a connection (as if
     * {@code startResponse(false)} had been called).
     *
     * @param limits the bounds on each head and trailer section
     */
    public ResponseParser(HeaderLimits limits) {
        Objects.requireNonNull(limits, "limits");
        if (limits.maxHeadBytes() <= 0 || limits.maxFields() < 0 || limits.maxLineBytes() <= 0) {
            throw new IllegalArgumentException("header limits out of range (bytes and line must be positive): "
                    + limits);
        }
        // The longest line allowed: a line longer than the whole head limit could never fit either.
        int lineLimit = Math.min(limits.maxLineBytes(), limits.maxHeadBytes());
        // A partial status line is held until QUOTE_BYTES + 2 bytes are in (see HeadReader.checkPartialLine);
        // the buffer may hold a pending line at its longest plus one more read.
        this.in = new WireBuffer(Math.max(lineLimit, WireText.QUOTE_BYTES) + 2 + WireBuffer.INITIAL_CAPACITY);
        this.head = new HeadReader(limits, lineLimit);
        this.body = new BodyReader(lineLimit);
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
        boolean untouched = state == ParserState.STATUS_LINE && head.untouched();
        if (state != ParserState.DONE && !untouched) {
            throw new IllegalStateException("the previous response is not complete (parser state " + state + ")");
        }
        if (state == ParserState.DONE) {
            moveTo(ParserState.STATUS_LINE);
        }
        this.headRequest = headRequest;
        bytesReceived = in.available();
        head.startResponse();
        headers = Headers.EMPTY;
        trailers = Headers.EMPTY;
        framing = Framing.NONE;
        contentLength = -1;
        keepAlive = false;
        keepAliveTimeout = -1;
        body.reset();
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
        return in.room(Math.max(1, Math.min(minSpace, WireBuffer.INITIAL_CAPACITY)));
    }

    /** Where in {@link #inputBuffer} the next bytes go. */
    public int inputOffset() {
        return in.limit;
    }

    /** How many bytes fit in {@link #inputBuffer} from {@link #inputOffset()}. */
    public int inputSpace() {
        return in.buf.length - in.limit;
    }

    /**
     * Takes in {@code n} bytes the caller wrote into {@link #inputBuffer} at {@link #inputOffset()}.
     *
     * @throws IllegalArgumentException if n is negative or more than {@link #inputSpace()}
     */
    public void inputWritten(int n) {
        if (n < 0 || n > in.buf.length - in.limit) {
            throw new IllegalArgumentException("wrote " + n + " bytes into " + (in.buf.length - in.limit)
                    + " of space");
        }
        if (n == 0) {
            return;
        }
        checkOpenInput();
        in.limit += n;
        bytesReceived += n;
    }

    /**
     * Copies bytes in, growing the buffer as much as needed (for tests and for callers that already
     * hold the bytes; a socket loop should use {@link #inputBuffer} instead).
     */
    public void feed(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpenInput();
        in.append(b, off, len);
        bytesReceived += len;
    }

    /** Says the peer closed its side: no more bytes will come. */
    public void feedEof() {
        in.eof = true;
    }

    /**
     * Parses as far as the buffered bytes allow and returns what it found. A BODY slice and every
     * offset into the buffer stay valid only until the next call on this parser.
     *
     * @throws Http1Exception if the bytes break HTTP/1.1 or a limit, or the input ended too early;
     *     the parser then stays failed
     */
    public Event next() throws Http1Exception {
        if (state == ParserState.FAILED) {
            throw new Http1Exception(failure);
        }
        in.rewindIfEmpty();
        try {
            while (true) {
                Event event = step();
                if (event != null) {
                    return event;
                }
            }
        } catch (Http1Exception e) {
            // Every error fails the parser for good: the connection must be closed.
            failure = e.getMessage();
            moveTo(ParserState.FAILED);
            throw e;
        }
    }

    /** One move of the state machine: an event, or null when the parser moved on without one. */
    private Event step() throws Http1Exception {
        switch (state) {
            case STATUS_LINE:
            case HEADER_FIELDS:
            case TRAILER_FIELDS:
                return readHead();
            case BODY_LENGTH:
            case CHUNK_DATA:
                if (in.available() == 0) {
                    return needData();
                }
                if (body.deliverCounted(in)) {
                    moveTo(state == ParserState.BODY_LENGTH ? ParserState.DONE : ParserState.CHUNK_DATA_END);
                }
                return Event.BODY;
            case BODY_UNTIL_CLOSE:
                if (in.available() > 0) {
                    body.deliverAll(in);
                    return Event.BODY;
                }
                if (in.eof) {
                    moveTo(ParserState.DONE);
                    return Event.END;
                }
                return Event.NEED_DATA;
            case CHUNK_SIZE:
                long size = body.chunkSize(in);
                if (size < 0) {
                    return needData();
                }
                if (size == 0) {
                    head.startSection();
                    moveTo(ParserState.TRAILER_FIELDS);
                } else {
                    body.remaining = size;
                    moveTo(ParserState.CHUNK_DATA);
                }
                return null;
            case CHUNK_DATA_END:
                if (!body.chunkDataEnd(in)) {
                    return needData();
                }
                moveTo(ParserState.CHUNK_SIZE);
                return null;
            case DONE:
                return Event.END;
            default:
                throw new AssertionError(state);
        }
    }

    /** The status line, header block or trailer section: an event once one of them is complete. */
    private Event readHead() throws Http1Exception {
        switch (head.read(in, state)) {
            case STATUS_LINE:
                moveTo(ParserState.HEADER_FIELDS);
                return null;
            case END_OF_SECTION:
                if (state == ParserState.HEADER_FIELDS) {
                    return endOfHead();
                }
                trailers = head.takeFields();
                moveTo(ParserState.DONE);
                return Event.END;
            default:
                return needData();
        }
    }

    /** The status code of the last head (INFORMATIONAL or HEAD); 0 before any. */
    public int status() {
        return head.status();
    }

    /** The reason phrase of the last head, possibly empty. */
    public String reason() {
        return head.reason();
    }

    /**
     * The minor version of the last status line: 0 for HTTP/1.0, 1 for HTTP/1.1; a higher one
     * (HTTP/1.2) is reported as sent and processed as HTTP/1.1 (RFC 9110 section 2.5).
     */
    public int minorVersion() {
        return head.minorVersion();
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
        return keepAlive && !in.eof;
    }

    /** The {@code timeout=N} of a {@code Keep-Alive} header, or -1 when absent or malformed. */
    public long keepAliveTimeoutSeconds() {
        return keepAliveTimeout;
    }

    /** The array holding the last BODY slice (the internal buffer). */
    public byte[] bodyArray() {
        return in.buf;
    }

    /** Where the last BODY slice starts in {@link #bodyArray()}. */
    public int bodyOffset() {
        return body.sliceOffset;
    }

    /** How long the last BODY slice is. */
    public int bodyLength() {
        return body.sliceLength;
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
        if (in.available() != 0 || in.eof) {
            return 0;
        }
        switch (state) {
            case BODY_LENGTH:
            case CHUNK_DATA:
                return body.remaining;
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
        if (state == ParserState.BODY_UNTIL_CLOSE) {
            return;
        }
        body.remaining -= n;
        if (body.remaining == 0) {
            moveTo(state == ParserState.BODY_LENGTH ? ParserState.DONE : ParserState.CHUNK_DATA_END);
        }
    }

    /** The trailer fields of a chunked body, readable after END; {@code Headers.EMPTY} otherwise. */
    public Headers trailers() {
        return trailers;
    }

    /** How many bytes are buffered but not yet consumed. */
    public int buffered() {
        return in.available();
    }

    /**
     * How many bytes were taken in for the current response (including leftovers buffered when it
     * started, and bytes read directly): 0 means the server sent nothing for it.
     */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** The parser's state, for tests. */
    ParserState state() {
        return state;
    }

    private void moveTo(ParserState next) {
        state = state.moveTo(next);
    }

    private void checkOpenInput() {
        if (in.eof) {
            throw new IllegalStateException("bytes fed after the end of input");
        }
    }

    /** Returns NEED_DATA, or throws when the input has ended where more bytes were required. */
    private Event needData() throws Http1Exception {
        if (!in.eof) {
            return Event.NEED_DATA;
        }
        switch (state) {
            case STATUS_LINE:
                if (bytesReceived == 0) {
                    throw new Http1Exception("server closed the connection without sending any response");
                }
                throw new Http1Exception("server closed the connection before sending a complete response head");
            case HEADER_FIELDS:
                throw new Http1Exception("server closed the connection before sending a complete response head");
            case BODY_LENGTH:
                throw new Http1Exception("response body ended after " + (contentLength - body.remaining) + " of "
                        + contentLength + " bytes (Content-Length)");
            case TRAILER_FIELDS:
                throw new Http1Exception("chunked body ended inside its trailer section");
            default:
                throw new Http1Exception("chunked body ended before the last chunk");
        }
    }

    /** Decides framing and persistence from the header block just completed, and moves into the body. */
    private Event endOfHead() throws Http1Exception {
        FramingFields ff = framingFields;
        ff.reset();
        for (int i = 0, n = head.fieldCount(); i < n; i++) {
            ff.add(head.name(i), head.value(i));
        }
        headers = head.takeFields();
        keepAliveTimeout = ff.keepAliveTimeoutSeconds();
        framing = Framing.NONE;
        contentLength = -1;
        keepAlive = false;
        int status = head.status();
        if (status >= 100 && status < 200 && status != 101) {
            // 1xx interim response: no body; the final response follows on the same connection.
            moveTo(ParserState.STATUS_LINE);
            head.startSection();
            return Event.INFORMATIONAL;
        }
        framing = ff.decide(status, headRequest, head.minorVersion());
        keepAlive = ff.persistent();
        switch (framing) {
            case CHUNKED:
                moveTo(ParserState.CHUNK_SIZE);
                break;
            case UNTIL_CLOSE:
                moveTo(ParserState.BODY_UNTIL_CLOSE);
                break;
            case CONTENT_LENGTH:
                contentLength = ff.contentLength();
                body.remaining = contentLength;
                moveTo(contentLength == 0 ? ParserState.DONE : ParserState.BODY_LENGTH);
                break;
            default:
                moveTo(ParserState.DONE);
        }
        return Event.HEAD;
    }
}
