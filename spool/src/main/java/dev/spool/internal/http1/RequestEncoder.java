package dev.spool.internal.http1;

import dev.spool.Headers;

/**
 * Encodes HTTP/1.1 request heads and chunk framing into a reusable byte buffer (no I/O).
 * SKELETON: the codec task fills this in.
 */
public final class RequestEncoder {
    public RequestEncoder() {
    }

    public void reset() { throw new UnsupportedOperationException(); }
    public void writeHead(String method, String target, String hostHeader, Headers headers, long contentLength) { throw new UnsupportedOperationException(); }
    public void writeBytes(byte[] b, int off, int len) { throw new UnsupportedOperationException(); }
    public void writeChunkHeader(int length) { throw new UnsupportedOperationException(); }
    public void writeChunkEnd() { throw new UnsupportedOperationException(); }
    public void writeLastChunk() { throw new UnsupportedOperationException(); }
    public byte[] array() { throw new UnsupportedOperationException(); }
    public int length() { throw new UnsupportedOperationException(); }
}
