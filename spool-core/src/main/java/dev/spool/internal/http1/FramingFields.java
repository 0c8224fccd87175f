package dev.spool.internal.http1;

/**
 * The header fields of one response head that decide its framing and persistence (Content-Length,
 * Transfer-Encoding, Connection, Keep-Alive), gathered field by field, and the decision itself
 * (RFC 9112 sections 6.3 and 9.3); one instance per parser, reset for each head, so deciding
 * allocates nothing on the usual path.
 */
final class FramingFields {
    /** What {@link #keepAliveTimeoutParameter} returns for a field without a timeout parameter. */
    private static final long NO_TIMEOUT_PARAMETER = -2;

    private boolean lengthSeen;
    private long lengthValue;
    private String lengthProblem;
    private boolean transferEncoding;
    private boolean chunkedLast;
    /** How many transfer codings the Transfer-Encoding fields list, empty list elements not counted. */
    private int codings;
    private boolean persistent;
    private boolean closeOption;
    private boolean keepAliveOption;
    private long keepAliveTimeout;

    FramingFields() {
        reset();
    }

    /** Forgets the previous head. */
    void reset() {
        lengthSeen = false;
        lengthValue = -1;
        lengthProblem = null;
        transferEncoding = false;
        chunkedLast = false;
        codings = 0;
        persistent = false;
        closeOption = false;
        keepAliveOption = false;
        keepAliveTimeout = NO_TIMEOUT_PARAMETER;
    }

    /** Takes in one field of the head, in order; fields that do not bear on framing are skipped. */
    void add(String name, String value) {
        if (is(name, CommonStrings.CONTENT_LENGTH)) {
            addContentLength(value);
        } else if (is(name, CommonStrings.TRANSFER_ENCODING)) {
            transferEncoding = true;
            addCodings(value);
        } else if (is(name, CommonStrings.CONNECTION)) {
            closeOption |= hasOption(value, "close");
            keepAliveOption |= hasOption(value, "keep-alive");
        } else if (is(name, CommonStrings.KEEP_ALIVE) && keepAliveTimeout == NO_TIMEOUT_PARAMETER) {
            keepAliveTimeout = keepAliveTimeoutParameter(value);
        }
    }

    /** The Content-Length, when {@link #decide} framed the body by it. */
    long contentLength() {
        return lengthValue;
    }

    /**
     * Whether the Transfer-Encoding fields list exactly one coding, {@code chunked} without
     * parameters: the only transfer coding Spool implements.
     */
    boolean onlyChunked() {
        return codings == 1 && chunkedLast;
    }

    /**
     * Decides how the body of a final (non-1xx) response is framed, by the rules of RFC 9112
     * section 6.3, and whether the connection persists after it (section 9.3; then
     * {@link #persistent()} tells). A status outside 100-599 is framed like a 5xx (RFC 9110
     * section 15), and a minor version above 1 is taken as HTTP/1.1 (RFC 9110 section 2.5).
     *
     * @throws Http1Exception if only an invalid or ambiguous Content-Length could frame the body
     */
    ResponseParser.Framing decide(int status, boolean headRequest, int minorVersion) throws Http1Exception {
        // HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
        persistent = !closeOption && (minorVersion >= 1 || keepAliveOption);
        if (status == 101) {
            // Switching Protocols: what follows the head is no longer HTTP/1.1.
            persistent = false;
            return ResponseParser.Framing.NONE;
        }
        if (headRequest || status == 204 || status == 304) {
            // Rule 1: these end at the head whatever their framing headers say.
            return ResponseParser.Framing.NONE;
        }
        if (transferEncoding) {
            if (!onlyChunked() || lengthSeen || minorVersion == 0) {
                // A coding Spool does not implement (or chunked with parameters, or twice), or
                // Transfer-Encoding with Content-Length (rule 3) or in HTTP/1.0 (section 6.1): framing
                // other parsers may read otherwise, the way request smuggling starts. Never reused.
                persistent = false;
            }
            if (chunkedLast) {
                return ResponseParser.Framing.CHUNKED;
            }
            // Rule 4: the final coding is not (exactly) chunked, so only the close delimits the body.
            return ResponseParser.Framing.UNTIL_CLOSE;
        }
        if (lengthSeen) {
            if (lengthProblem != null) {
                // Rule 5: an invalid or ambiguous Content-Length leaves no trustworthy framing.
                throw new Http1Exception(lengthProblem);
            }
            return ResponseParser.Framing.CONTENT_LENGTH;
        }
        // Rule 8: no framing header, so the body runs until the server closes.
        persistent = false;
        return ResponseParser.Framing.UNTIL_CLOSE;
    }

    /** Whether the connection may carry another request, as the last {@link #decide} found. */
    boolean persistent() {
        return persistent;
    }

    /** The first Keep-Alive {@code timeout} in seconds, or -1 when absent or malformed. */
    long keepAliveTimeoutSeconds() {
        return keepAliveTimeout < 0 ? -1 : keepAliveTimeout;
    }

    /** Whether a parsed name is the given common name: the same constant, or the same in another case. */
    private static boolean is(String name, String common) {
        return name == common || name.equalsIgnoreCase(common);
    }

    /**
     * Takes in one Content-Length field. It may be a comma list, and fields may repeat: identical
     * values are accepted (RFC 9110 section 8.6); anything else becomes the problem. Only digits
     * count: no sign, no space inside a number.
     */
    private void addContentLength(String v) {
        int i = 0;
        int n = v.length();
        while (true) {
            i = skipOws(v, i, n);
            int digitsStart = i;
            long x = 0;
            while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                int d = v.charAt(i) - '0';
                if (x > (Long.MAX_VALUE - d) / 10) {
                    problem("Content-Length " + WireText.quote(v) + " is too large");
                    return;
                }
                x = x * 10 + d;
                i++;
            }
            if (i == digitsStart) {
                problem("invalid Content-Length " + WireText.quote(v) + " (digits only)");
                return;
            }
            if (!lengthSeen) {
                lengthSeen = true;
                lengthValue = x;
            } else if (x != lengthValue) {
                problem("ambiguous framing: different Content-Length values " + lengthValue + " and " + x);
            }
            i = skipOws(v, i, n);
            if (i == n) {
                return;
            }
            if (v.charAt(i) != ',') {
                problem("invalid Content-Length " + WireText.quote(v) + " (digits only)");
                return;
            }
            i++;
        }
    }

    private void problem(String message) {
        lengthSeen = true;
        if (lengthProblem == null) {
            lengthProblem = message;
        }
    }

    /**
     * Takes in the codings of one Transfer-Encoding field (RFC 9112 section 6.1): counts them and
     * remembers whether the last so far is exactly {@code chunked}. A coding with parameters
     * ({@code chunked;q=1}) is not chunked: llhttp, curl and Python's http.client do not read it as
     * chunked either, and framing that parsers disagree on must not be trusted.
     */
    private void addCodings(String v) {
        int n = v.length();
        int i = 0;
        while (i < n) {
            int comma = v.indexOf(',', i);
            int end = comma < 0 ? n : comma;
            int s = skipOws(v, i, end);
            int e = end;
            while (e > s && isOws(v.charAt(e - 1))) {
                e--;
            }
            if (e > s) {
                // An empty list element is ignored (RFC 9110 section 5.6.1); anything else is a coding.
                codings++;
                chunkedLast = e - s == 7 && v.regionMatches(true, s, "chunked", 0, 7);
            }
            i = end + 1;
        }
    }

    /** Whether a comma-separated option list holds the option, ignoring case (RFC 9110 section 7.6.1). */
    private static boolean hasOption(String v, String option) {
        int n = v.length();
        int i = 0;
        while (i < n) {
            int comma = v.indexOf(',', i);
            int end = comma < 0 ? n : comma;
            int s = skipOws(v, i, end);
            int e = end;
            while (e > s && isOws(v.charAt(e - 1))) {
                e--;
            }
            if (e - s == option.length() && v.regionMatches(true, s, option, 0, option.length())) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }

    /**
     * The {@code timeout} parameter of a Keep-Alive field (RFC 2068 section 19.7.1.1, as Apache
     * httpd and nginx send it: {@code timeout=5, max=100}): its seconds, -1 when malformed, or
     * {@link #NO_TIMEOUT_PARAMETER}.
     */
    private static long keepAliveTimeoutParameter(String v) {
        int n = v.length();
        int i = 0;
        while (i < n) {
            int comma = v.indexOf(',', i);
            int end = comma < 0 ? n : comma;
            int s = skipOws(v, i, end);
            if (end - s >= 7 && v.regionMatches(true, s, "timeout", 0, 7)) {
                int j = skipOws(v, s + 7, end);
                if (j < end && v.charAt(j) == '=') {
                    return seconds(v, j + 1, end);
                }
            }
            i = end + 1;
        }
        return NO_TIMEOUT_PARAMETER;
    }

    /** Digits (optionally quoted) between OWS in {@code v[s, e)} as seconds, or -1. */
    private static long seconds(String v, int s, int e) {
        s = skipOws(v, s, e);
        while (e > s && isOws(v.charAt(e - 1))) {
            e--;
        }
        if (e - s >= 2 && v.charAt(s) == '"' && v.charAt(e - 1) == '"') {
            s++;
            e--;
        }
        if (s == e) {
            return -1;
        }
        long x = 0;
        for (int i = s; i < e; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9' || x > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            x = x * 10 + (c - '0');
        }
        return x;
    }

    private static int skipOws(String v, int i, int end) {
        while (i < end && isOws(v.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}
