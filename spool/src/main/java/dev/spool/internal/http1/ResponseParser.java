package dev.spool.internal.http1;

import dev.spool.Headers;

/**
 * An I/O-free HTTP/1.1 response parser (RFC 9112), pulled like StAX: feed it bytes, call
 * {@link #next()} for events. SKELETON: the codec task fills this in.
 */
public final class ResponseParser {
    /** What {@link #next()} found. */
    public enum Event { NEED_DATA, INFORMATIONAL, HEAD, BODY, END }

    /** How the body of the current response is framed. */
    public enum Framing { NONE, CONTENT_LENGTH, CHUNKED, UNTIL_CLOSE }

    public ResponseParser(HeaderLimits limits) {
        throw new UnsupportedOperationException("codec task");
    }

    public void startResponse(boolean headRequest) { throw new UnsupportedOperationException(); }
    public byte[] inputBuffer(int minSpace) { throw new UnsupportedOperationException(); }
    public int inputOffset() { throw new UnsupportedOperationException(); }
    public int inputSpace() { throw new UnsupportedOperationException(); }
    public void inputWritten(int n) { throw new UnsupportedOperationException(); }
    public void feed(byte[] b, int off, int len) { throw new UnsupportedOperationException(); }
    public void feedEof() { throw new UnsupportedOperationException(); }
    public Event next() throws Http1Exception { throw new UnsupportedOperationException(); }
    public int status() { throw new UnsupportedOperationException(); }
    public String reason() { throw new UnsupportedOperationException(); }
    public int minorVersion() { throw new UnsupportedOperationException(); }
    public Headers headers() { throw new UnsupportedOperationException(); }
    public Framing framing() { throw new UnsupportedOperationException(); }
    public long contentLength() { throw new UnsupportedOperationException(); }
    public boolean keepAlive() { throw new UnsupportedOperationException(); }
    public long keepAliveTimeoutSeconds() { throw new UnsupportedOperationException(); }
    public byte[] bodyArray() { throw new UnsupportedOperationException(); }
    public int bodyOffset() { throw new UnsupportedOperationException(); }
    public int bodyLength() { throw new UnsupportedOperationException(); }
    public long directBodyLimit() { throw new UnsupportedOperationException(); }
    public void directBodyRead(int n) { throw new UnsupportedOperationException(); }
    public Headers trailers() { throw new UnsupportedOperationException(); }
    public int buffered() { throw new UnsupportedOperationException(); }
    public long bytesReceived() { throw new UnsupportedOperationException(); }
}
