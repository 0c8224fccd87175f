package dev.spool.testkit;

import dev.spool.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 request from a connection, strictly: where RFC 9112 lets a server choose between
 * tolerating and rejecting something, this reader rejects, because a test server should catch a
 * client's mistakes rather than hide them.
 */
final class RequestReader {
    /** Longest request line accepted; RFC 9112 section 3 recommends supporting at least 8000 octets. */
    static final int MAX_REQUEST_LINE = 16 * 1024;
    /** Largest header block (or trailer block) accepted, line ends included. */
    static final int MAX_HEADER_BLOCK = 256 * 1024;
    /** Longest chunk-size line accepted, extensions included. */
    static final int MAX_CHUNK_SIZE_LINE = 4096;

    private RequestReader() {
    }

    /** Reads the request line and header block. */
    static RequestHead readHead(WireInput in) throws IOException, BadRequestException {
        String requestLine = in.readLine(MAX_REQUEST_LINE, "request line");
        if (requestLine.isEmpty()) {
            // RFC 9112 section 2.2: a server SHOULD ignore at least one empty line before the request line.
            requestLine = in.readLine(MAX_REQUEST_LINE, "request line");
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3) {
            throw new BadRequestException("request line is not 'method SP target SP version': " + quote(requestLine));
        }
        String method = parts[0];
        String target = parts[1];
        String version = parts[2];
        if (!Tokens.isToken(method)) {
            throw new BadRequestException("method " + quote(method) + " is not a token (RFC 9110 section 9.1)");
        }
        if (target.isEmpty()) {
            throw new BadRequestException("request target is empty");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new BadRequestException("request target has a byte that is not visible ASCII at index " + i);
            }
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new BadRequestException("version " + quote(version) + " is not HTTP/1.1 or HTTP/1.0");
        }
        List<String> fields = readFields(in, MAX_HEADER_BLOCK, "header block");
        RecordedHeaders headers = new RecordedHeaders(fields);
        boolean http11 = version.equals("HTTP/1.1");

        // RFC 9112 section 3.2: exactly one Host in an HTTP/1.1 request, else 400.
        int hosts = headers.all("Host").size();
        if (http11 && hosts != 1) {
            throw new BadRequestException("an HTTP/1.1 request needs exactly one Host field; it has " + hosts);
        }

        boolean chunked = false;
        List<String> te = headers.all("Transfer-Encoding");
        if (!te.isEmpty()) {
            if (!http11) {
                throw new BadRequestException("Transfer-Encoding in an HTTP/1.0 request (RFC 9112 section 6.1)");
            }
            List<String> codings = new ArrayList<>();
            for (String v : te) {
                for (String c : v.split(",", -1)) {
                    codings.add(c.trim().toLowerCase(Locale.ROOT));
                }
            }
            if (!codings.equals(List.of("chunked"))) {
                // RFC 9112 section 6.3: chunked must be the final coding; this server decodes no other.
                throw new BadRequestException("Transfer-Encoding " + quote(String.join(", ", te))
                        + " is not just 'chunked'");
            }
            chunked = true;
        }

        long contentLength = -1;
        for (String v : headers.all("Content-Length")) {
            // RFC 9110 section 8.6: a list of identical values may be taken as that value.
            for (String item : v.split(",", -1)) {
                long n = parseLength(item.trim());
                if (contentLength >= 0 && n != contentLength) {
                    throw new BadRequestException("Content-Length fields differ: " + headers.all("Content-Length"));
                }
                contentLength = n;
            }
        }
        if (chunked && contentLength >= 0) {
            // RFC 9112 section 6.1: a server may reject this; it is how requests are smuggled.
            throw new BadRequestException("request has both Content-Length and Transfer-Encoding");
        }

        boolean expectContinue = false;
        if (http11) { // RFC 9110 section 10.1.1: a 100-continue expectation in HTTP/1.0 is ignored
            for (String v : headers.all("Expect")) {
                if (v.trim().equalsIgnoreCase("100-continue")) {
                    expectContinue = true;
                }
            }
        }

        boolean close = false;
        boolean keepAlive = false;
        for (String v : headers.all("Connection")) {
            for (String option : v.split(",", -1)) {
                String o = option.trim();
                if (o.equalsIgnoreCase("close")) {
                    close = true;
                } else if (o.equalsIgnoreCase("keep-alive")) {
                    keepAlive = true;
                }
            }
        }
        boolean wantsClose = close || (!http11 && !keepAlive);
        return new RequestHead(method, target, version, headers, contentLength, chunked, expectContinue, wantsClose);
    }

    /**
     * Reads the body that the head announces.
     *
     * @param keepLimit how many body bytes to keep; the rest are counted and dropped
     */
    static RequestBody readBody(WireInput in, RequestHead head, int keepLimit) throws IOException, BadRequestException {
        if (head.chunked) {
            return readChunked(in, keepLimit);
        }
        if (head.contentLength > 0) {
            Sink sink = new Sink(keepLimit);
            readExactly(in, head.contentLength, sink);
            return new RequestBody(sink.toByteArray(), sink.count, RecordedHeaders.EMPTY);
        }
        return RequestBody.EMPTY;
    }

    private static RequestBody readChunked(WireInput in, int keepLimit) throws IOException, BadRequestException {
        Sink sink = new Sink(keepLimit);
        while (true) {
            String line = in.readLine(MAX_CHUNK_SIZE_LINE, "chunk size line");
            int semi = line.indexOf(';');
            String hex = semi < 0 ? line : stripTrailingBlanks(line.substring(0, semi)); // BWS before ';' (RFC 9112 7.1.1)
            if (hex.isEmpty() || hex.length() > 15) {
                throw new BadRequestException("chunk size " + quote(hex) + " is empty or too long");
            }
            long size = 0;
            for (int i = 0; i < hex.length(); i++) {
                char ch = hex.charAt(i);
                int d = ch >= '0' && ch <= '9' ? ch - '0'
                        : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                        : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
                if (d < 0) {
                    throw new BadRequestException("chunk size " + quote(hex) + " is not hexadecimal");
                }
                size = size * 16 + d;
            }
            if (size == 0) {
                break;
            }
            readExactly(in, size, sink);
            expectCrlfAfterChunk(in, size);
        }
        List<String> trailers = readFields(in, MAX_HEADER_BLOCK, "trailer block");
        return new RequestBody(sink.toByteArray(), sink.count, new RecordedHeaders(trailers));
    }

    private static void expectCrlfAfterChunk(WireInput in, long size) throws IOException, BadRequestException {
        byte[] crlf = new byte[2];
        int got = 0;
        while (got < 2) {
            int r = in.read(crlf, got, 2 - got);
            if (r < 0) {
                throw new EOFException("client closed the connection after chunk data, before its CRLF");
            }
            got += r;
        }
        if (crlf[0] != '\r' || crlf[1] != '\n') {
            throw new BadRequestException("chunk data of " + size + " bytes is not followed by CRLF");
        }
    }

    private static void readExactly(WireInput in, long n, Sink sink) throws IOException {
        byte[] chunk = new byte[(int) Math.min(n, 64 * 1024)];
        long left = n;
        while (left > 0) {
            int r = in.read(chunk, 0, (int) Math.min(left, chunk.length));
            if (r < 0) {
                throw new EOFException("client closed the connection with " + left + " body bytes still to come");
            }
            sink.write(chunk, 0, r);
            left -= r;
        }
    }

    /** Reads field lines up to the empty line; returns alternating names and values. */
    private static List<String> readFields(WireInput in, int budget, String what) throws IOException, BadRequestException {
        List<String> out = new ArrayList<>();
        int left = budget;
        while (true) {
            String line = in.readLine(Math.max(0, left - 2), what);
            left -= line.length() + 2;
            if (line.isEmpty()) {
                return out;
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                // RFC 9112 section 5.2: obsolete line folding; a server may reject it with 400.
                throw new BadRequestException(what + " uses obsolete line folding: " + quote(line));
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequestException(what + " has a line without a field name and colon: " + quote(line));
            }
            String name = line.substring(0, colon);
            if (!Tokens.isToken(name)) {
                // RFC 9112 section 5.1: whitespace between name and colon MUST be rejected with 400.
                throw new BadRequestException("field name " + quote(name) + " is not a token");
            }
            String value = stripBlanks(line.substring(colon + 1));
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new BadRequestException("field " + name + " has a control character at index " + i);
                }
            }
            out.add(name);
            out.add(value);
        }
    }

    private static long parseLength(String s) throws BadRequestException {
        if (s.isEmpty() || s.length() > 18) {
            throw new BadRequestException("Content-Length " + quote(s) + " is not a number of at most 18 digits");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadRequestException("Content-Length " + quote(s) + " is not a decimal number");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static String stripBlanks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** Collects body bytes up to a limit and counts all of them. */
    static final class Sink {
        private final int keepLimit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long count;

        Sink(int keepLimit) {
            this.keepLimit = keepLimit;
        }

        void write(byte[] b, int off, int len) {
            int keep = (int) Math.max(0, Math.min(len, keepLimit - (long) kept.size()));
            kept.write(b, off, keep);
            count += len;
        }

        byte[] toByteArray() {
            return kept.toByteArray();
        }
    }
}
