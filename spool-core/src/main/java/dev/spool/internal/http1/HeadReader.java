package dev.spool.internal.http1;

import dev.spool.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The grammar of a response head and of a trailer section (RFC 9112 sections 2.2, 4 and 5): reads
 * the status line and field lines out of a {@link WireBuffer}, checks them and the
 * {@link HeaderLimits}, and keeps the status, reason, version and fields of the section being read.
 */
final class HeadReader {
    /** What {@link #read} got to. */
    enum Step {
        /** The buffered bytes end inside a line: more are needed. */
        MORE,
        /** The status line was read; the header fields follow. */
        STATUS_LINE,
        /** The empty line that ends the header block or trailer section was read. */
        END_OF_SECTION
    }

    /** "HTTP/1.1 200": the shortest legal status line (RFC 9112 section 4, reason may be empty). */
    private static final int MIN_STATUS_LINE = 12;


    private final HeaderLimits limits;
    /** The longest line allowed: a line longer than the whole head limit could never fit either. */
    private final int lineLimit;

    /** Bytes of the current head or trailer section so far, for {@link HeaderLimits#maxHeadBytes()}. */
    private int sectionBytes;
    /** Alternating names and values of the section being parsed; reused, copied out when it ends. */
    private String[] fields = new String[32];
    private int fieldCount;

    private int status;
    private String reason = "";
    private int minorVersion = 1;

    HeadReader(HeaderLimits limits, int lineLimit) {
        this.limits = limits;
        this.lineLimit = lineLimit;
    }

    /** Forgets the previous response. */
    void startResponse() {
        startSection();
        status = 0;
        reason = "";
        minorVersion = 1;
    }

    /** Starts counting a new section (the head after a 1xx response, or the trailers). */
    void startSection() {
        sectionBytes = 0;
        clearFields();
    }

    /** Whether nothing of a response was read since {@link #startResponse()}. */
    boolean untouched() {
        return sectionBytes == 0 && status == 0;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    int minorVersion() {
        return minorVersion;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** The name of field i of the section being read. */
    String name(int i) {
        return fields[2 * i];
    }

    /** The value of field i of the section being read. */
    String value(int i) {
        return fields[2 * i + 1];
    }

    /** The fields of the section just ended, as Headers; the reader's array is then cleared for reuse. */
    Headers takeFields() {
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

    /**
     * Reads complete lines in {@code state} (STATUS_LINE, HEADER_FIELDS or TRAILER_FIELDS) until the
     * status line or the section is complete, or a line is incomplete. Lines end in CRLF or,
     * leniently like most clients, a bare LF.
     */
    Step read(WireBuffer in, ParserState state) throws Http1Exception {
        while (true) {
            int lf = in.findLf();
            if (lf < 0) {
                checkPartialLine(in, state);
                return Step.MORE;
            }
            int start = in.pos;
            int end = lf > start && in.buf[lf - 1] == '\r' ? lf - 1 : lf;
            int lineBytes = lf + 1 - start;
            in.pos = lf + 1;
            if (state == ParserState.STATUS_LINE) {
                if (statusLine(in.buf, start, end, lineBytes, state)) {
                    return Step.STATUS_LINE;
                }
            } else if (fieldLine(in.buf, start, end, lineBytes, state)) {
                return Step.END_OF_SECTION;
            }
        }
    }

    /**
     * Fails early on a line that can no longer be legal, so a hostile server cannot make the buffer
     * grow. The checks give exactly the error the complete line would, whatever the split of bytes:
     * a status line is judged on its first bytes once {@code QUOTE_BYTES + 2} are in (its content is then
     * surely longer than the quote), any line on its length once it surely exceeds the limit.
     */
    private void checkPartialLine(WireBuffer in, ParserState state) throws Http1Exception {
        int k = in.available(); // bytes of the line so far; the last may be the CR of its CRLF
        if (state == ParserState.STATUS_LINE) {
            if (k < WireText.QUOTE_BYTES + 2) {
                return;
            }
            checkStatusLineStart(in.buf, in.pos, k);
        }
        if (k > lineLimit + 1) {
            throw new Http1Exception(lineTooLong(state));
        }
    }

    /**
     * The error for a line over {@link #lineLimit}: when that is the whole head's limit, the line
     * cannot fit in the head, and the message says so.
     */
    private String lineTooLong(ParserState state) {
        if (lineLimit == limits.maxHeadBytes()) {
            return sectionTooBig(state);
        }
        switch (state) {
            case STATUS_LINE:
                return "response status line exceeds " + lineLimit + " bytes";
            case TRAILER_FIELDS:
                return "response trailer line exceeds " + lineLimit + " bytes";
            default:
                return "response header line exceeds " + lineLimit + " bytes";
        }
    }

    private String sectionTooBig(ParserState state) {
        return (state == ParserState.TRAILER_FIELDS
                ? "response trailer section exceeds "
                : "response header block exceeds ") + limits.maxHeadBytes() + " bytes";
    }

    /** Counts a complete line against the line and section limits. */
    private void countLine(int contentLength, int lineBytes, ParserState state) throws Http1Exception {
        if (contentLength > lineLimit) {
            throw new Http1Exception(lineTooLong(state));
        }
        sectionBytes += lineBytes;
        if (sectionBytes > limits.maxHeadBytes()) {
            throw new Http1Exception(sectionTooBig(state));
        }
    }

    /**
     * Checks the fixed-layout start of a status line, {@code HTTP/1.x SP 3DIGIT [SP]} (RFC 9112
     * section 4), given {@code known} bytes of it (all of it, or a partial line that is surely longer
     * than {@link WireText#QUOTE_BYTES}). Any minor version is taken: RFC 9110 section 2.5 has a
     * higher one than 1.1 processed as 1.1. Any three digits are a status code (section 15).
     */
    private static void checkStatusLineStart(byte[] b, int s, int known) throws Http1Exception {
        if (known < MIN_STATUS_LINE
                || b[s] != 'H' || b[s + 1] != 'T' || b[s + 2] != 'T' || b[s + 3] != 'P' || b[s + 4] != '/'
                || !HttpChars.isDigit(b[s + 5]) || b[s + 6] != '.' || !HttpChars.isDigit(b[s + 7])) {
            throw new Http1Exception("malformed status line " + WireText.quote(b, s, known) + tlsHint(b, s, known));
        }
        if (b[s + 5] != '1') {
            throw new Http1Exception("unsupported HTTP version " + WireText.quote(b, s, 8) + " in status line "
                    + WireText.quote(b, s, known) + " (only HTTP/1.x is spoken here)");
        }
        if (b[s + 8] != ' ' || !HttpChars.isDigit(b[s + 9]) || !HttpChars.isDigit(b[s + 10])
                || !HttpChars.isDigit(b[s + 11]) || (known > MIN_STATUS_LINE && b[s + 12] != ' ')) {
            throw new Http1Exception("malformed status line " + WireText.quote(b, s, known));
        }
    }

    /**
     * A hint when the bytes start like a TLS record (content type 21 alert or 22 handshake, then
     * major version 3; RFC 8446 section 5.1): a plain http:// request reached a server that speaks TLS.
     */
    private static String tlsHint(byte[] b, int s, int known) {
        return known >= 2 && (b[s] == 0x15 || b[s] == 0x16) && b[s + 1] == 0x03
                ? " (a TLS record: the server speaks HTTPS on this port; use https://)"
                : "";
    }

    /** A line where the status line belongs; returns false for an empty line, which is skipped. */
    private boolean statusLine(byte[] b, int start, int end, int lineBytes, ParserState state) throws Http1Exception {
        if (end == start) {
            // Robustness (RFC 9112 section 2.2): some servers send an extra CRLF after a body.
            countLine(0, lineBytes, state);
            return false;
        }
        int length = end - start;
        checkStatusLineStart(b, start, length);
        countLine(length, lineBytes, state);
        // reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ); it may be missing altogether.
        for (int i = start + MIN_STATUS_LINE + 1; i < end; i++) {
            int c = b[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new Http1Exception("malformed status line " + WireText.quote(b, start, length));
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
        return true;
    }

    /**
     * A line of the header block or trailer section: a field, a continuation, or the empty end line
     * (then returns true).
     */
    private boolean fieldLine(byte[] b, int start, int end, int lineBytes, ParserState state) throws Http1Exception {
        countLine(end - start, lineBytes, state);
        if (end == start) {
            return true;
        }
        String section = state == ParserState.TRAILER_FIELDS ? "trailer" : "header";
        byte first = b[start];
        if (first == ' ' || first == '\t') {
            continuationLine(b, start, end, section);
            return false;
        }
        int i = start;
        while (i < end && HttpChars.isTchar(b[i])) {
            i++;
        }
        if (i == end || b[i] != ':' && indexOf(b, i, end, (byte) ':') < 0) {
            throw new Http1Exception(section + " line without a colon: " + WireText.quote(b, start, end - start));
        }
        if (b[i] != ':') {
            if (b[i] == ' ' || b[i] == '\t') {
                throw new Http1Exception("whitespace between " + section
                        + " field name and colon (RFC 9112 section 5.1): " + WireText.quote(b, start, end - start));
            }
            throw new Http1Exception("invalid character " + WireText.describe(b[i]) + " in " + section
                    + " field name: " + WireText.quote(b, start, end - start));
        }
        if (i == start) {
            throw new Http1Exception("empty " + section + " field name: " + WireText.quote(b, start, end - start));
        }
        int nameEnd = i;
        int valueStart = i + 1;
        while (valueStart < end && HttpChars.isOws(b[valueStart])) {
            valueStart++;
        }
        int valueEnd = end;
        while (valueEnd > valueStart && HttpChars.isOws(b[valueEnd - 1])) {
            valueEnd--;
        }
        checkValue(b, start, end, valueStart, valueEnd, section);
        if (fieldCount >= limits.maxFields()) {
            throw new Http1Exception("response has more than " + limits.maxFields() + " " + section + " fields");
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
        return false;
    }

    /**
     * An obs-fold line (RFC 9112 section 5.2): its text joins the previous field's value, the fold
     * replaced by one space, as the RFC allows in place of rejecting the message.
     */
    private void continuationLine(byte[] b, int start, int end, String section) throws Http1Exception {
        if (fieldCount == 0) {
            // RFC 9112 section 2.2: whitespace before the first field must not be taken as a field.
            throw new Http1Exception("whitespace before the first " + section + " field: "
                    + WireText.quote(b, start, end - start));
        }
        int s = start;
        while (s < end && HttpChars.isOws(b[s])) {
            s++;
        }
        int e = end;
        while (e > s && HttpChars.isOws(b[e - 1])) {
            e--;
        }
        checkValue(b, start, end, s, e, section);
        if (e > s) {
            String more = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
            String previous = fields[2 * fieldCount - 1];
            fields[2 * fieldCount - 1] = previous.isEmpty() ? more : previous + ' ' + more;
        }
    }

    /** Field values may not hold CR, LF or NUL (RFC 9110 section 5.5): they enable header injection. */
    private static void checkValue(byte[] b, int lineStart, int lineEnd, int valueStart, int valueEnd, String section)
            throws Http1Exception {
        for (int i = valueStart; i < valueEnd; i++) {
            byte c = b[i];
            if (c == '\r' || c == 0) {
                throw new Http1Exception("forbidden character " + WireText.describe(c) + " in " + section
                        + " field value: " + WireText.quote(b, lineStart, lineEnd - lineStart));
            }
        }
    }

    private static int indexOf(byte[] b, int from, int end, byte c) {
        for (int i = from; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
