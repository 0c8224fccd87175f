package dev.spool.testkit;

/** A request body as read: the bytes kept, the full length, and any trailers. */
final class RequestBody {
    static final RequestBody EMPTY = new RequestBody(new byte[0], 0, RecordedHeaders.EMPTY);

    final byte[] bytes;
    final long size;
    final RecordedHeaders trailers;

    RequestBody(byte[] bytes, long size, RecordedHeaders trailers) {
        this.bytes = bytes;
        this.size = size;
        this.trailers = trailers;
    }
}
