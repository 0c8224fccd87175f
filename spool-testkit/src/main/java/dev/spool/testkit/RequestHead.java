package dev.spool.testkit;

/** The parsed request line and header block of one request, with the framing facts derived from them. */
final class RequestHead {
    final String method;
    final String target;
    final String version;
    final RecordedHeaders headers;
    /** The body length from {@code Content-Length}, or -1 when the body is chunked or absent. */
    final long contentLength;
    final boolean chunked;
    final boolean expectContinue;
    /** Whether the client wants the connection closed after this exchange (explicitly, or by HTTP/1.0 default). */
    final boolean clientWantsClose;

    RequestHead(String method, String target, String version, RecordedHeaders headers, long contentLength,
                boolean chunked, boolean expectContinue, boolean clientWantsClose) {
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = headers;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.expectContinue = expectContinue;
        this.clientWantsClose = clientWantsClose;
    }

    boolean http10() {
        return version.equals("HTTP/1.0");
    }

    boolean hasBody() {
        return chunked || contentLength > 0;
    }
}
