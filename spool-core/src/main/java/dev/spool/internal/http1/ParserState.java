package dev.spool.internal.http1;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a {@link ResponseParser} is inside the byte stream of a response, with the table of the
 * moves allowed between these states: every move is checked against it, so an unexpected
 * transition fails loudly instead of parsing bytes in the wrong mode.
 */
enum ParserState {
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

    private Set<ParserState> successors;

    static {
        STATUS_LINE.successors = EnumSet.of(HEADER_FIELDS, FAILED);
        // After a head: back to STATUS_LINE for a 1xx, else into the body its framing says.
        HEADER_FIELDS.successors = EnumSet.of(STATUS_LINE, BODY_LENGTH, BODY_UNTIL_CLOSE, CHUNK_SIZE, DONE, FAILED);
        BODY_LENGTH.successors = EnumSet.of(DONE, FAILED);
        BODY_UNTIL_CLOSE.successors = EnumSet.of(DONE);
        CHUNK_SIZE.successors = EnumSet.of(CHUNK_DATA, TRAILER_FIELDS, FAILED);
        CHUNK_DATA.successors = EnumSet.of(CHUNK_DATA_END, FAILED);
        CHUNK_DATA_END.successors = EnumSet.of(CHUNK_SIZE, FAILED);
        TRAILER_FIELDS.successors = EnumSet.of(DONE, FAILED);
        DONE.successors = EnumSet.of(STATUS_LINE);
        FAILED.successors = EnumSet.noneOf(ParserState.class);
    }

    /** Whether the table allows moving from this state to {@code next}. */
    boolean canMoveTo(ParserState next) {
        return successors.contains(next);
    }

    /**
     * The state to move to, after checking the table.
     *
     * @throws IllegalStateException if the table has no such move (a parser bug)
     */
    ParserState moveTo(ParserState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("parser bug: no transition from " + this + " to " + next);
        }
        return next;
    }
}
