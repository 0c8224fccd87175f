package dev.spool.testkit;

import dev.spool.Body;
import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.SpoolException;
import dev.spool.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A {@link Transport} that answers from a script instead of the network, for testing what sits above
 * the transport (sessions, redirects, retries, auth, cookies) without sockets. It records each request
 * and the bytes of its body.
 *
 * <p>Replies come from the queue filled by {@link #enqueue(Reply)}, in order; when it is empty, from
 * the function given to {@link #MockTransport(Function)}; with neither, {@link #send(Request)} throws
 * {@link IllegalStateException} (not a Spool exception, so that no retry policy swallows the mistake).
 * It is thread-safe.
 */
public final class MockTransport implements Transport {
    private final Function<Request, Reply> handler;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Reply> queue = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private boolean closed;

    /** A transport that answers only from its queue. */
    public MockTransport() {
        this.handler = null;
    }

    /** A transport that answers from its queue, then with this function (it may be called from many threads). */
    public MockTransport(Function<Request, Reply> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** A transport whose queue holds these replies. */
    public static MockTransport of(Reply... replies) {
        MockTransport t = new MockTransport();
        for (Reply r : replies) {
            t.enqueue(r);
        }
        return t;
    }

    /** Queues a reply for a future request. */
    public MockTransport enqueue(Reply reply) {
        Objects.requireNonNull(reply, "reply");
        lock.lock();
        try {
            queue.addLast(reply);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Records the request (reading its body, which consumes a one-shot {@link Body#stream} body),
     * then answers with the next reply: a response with the body in memory, or the reply's exception.
     *
     * @throws IllegalStateException when the transport is closed or has no reply for the request
     */
    @Override
    public Response send(Request request) {
        Objects.requireNonNull(request, "request");
        byte[] body = readBody(request);
        Reply reply;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("MockTransport is closed; cannot send " + request);
            }
            requests.add(request);
            bodies.add(body);
            reply = queue.pollFirst();
        } finally {
            lock.unlock();
        }
        if (reply == null && handler != null) {
            reply = handler.apply(request);
        }
        if (reply == null) {
            throw new IllegalStateException("MockTransport has no reply for " + request
                    + ": the queue is empty" + (handler == null ? " and there is no handler" : " and the handler returned null"));
        }
        if (reply.failure != null) {
            throw reply.failure;
        }
        return Response.builder()
                .request(request)
                .status(reply.status)
                .reason(reply.reason)
                .headers(reply.headers)
                .body(reply.body)
                .build();
    }

    private static byte[] readBody(Request request) {
        Body b = request.body();
        if (b == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            b.writeTo(out);
        } catch (IOException e) {
            throw new SpoolException("MockTransport could not read the body of " + request, e);
        }
        return out.toByteArray();
    }

    /** The requests sent so far, in order. */
    public List<Request> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The number of requests sent so far. */
    public int requestCount() {
        lock.lock();
        try {
            return requests.size();
        } finally {
            lock.unlock();
        }
    }

    /** The body bytes of request {@code index} (0-based, as in {@link #requests()}), or null when it had no body. */
    public byte[] requestBody(int index) {
        lock.lock();
        try {
            byte[] b = bodies.get(index);
            return b == null ? null : b.clone();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the transport closed; later sends fail. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What {@link MockTransport} answers one request with: a response (status, reason, headers, body)
     * or an exception to throw. Immutable; each method returns a changed copy.
     */
    public static final class Reply {
        private final int status;
        private final String reason;
        private final Headers headers;
        private final byte[] body;
        private final RuntimeException failure;

        private Reply(int status, String reason, Headers headers, byte[] body, RuntimeException failure) {
            this.status = status;
            this.reason = reason;
            this.headers = headers;
            this.body = body;
            this.failure = failure;
        }

        /** A reply with this status, no headers and an empty body. */
        public static Reply status(int status) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("status " + status + " is not a three-digit HTTP status");
            }
            return new Reply(status, null, Headers.EMPTY, new byte[0], null);
        }

        /** A {@code 200} reply with a UTF-8 text body. */
        public static Reply ok(String body) {
            return status(200).body(body);
        }

        /**
         * A reply that throws instead of answering, as a failing network would; use Spool's exceptions
         * (e.g. {@code ConnectionException}) to exercise retry and error handling.
         */
        public static Reply failure(RuntimeException exception) {
            return new Reply(0, null, Headers.EMPTY, new byte[0], Objects.requireNonNull(exception, "exception"));
        }

        /** A copy with this reason phrase (default: the standard one for the status). */
        public Reply reason(String reason) {
            return new Reply(status, reason, headers, body, failure);
        }

        /** A copy with one more header field (repeatable, order kept). */
        public Reply header(String name, String value) {
            return new Reply(status, reason, headers.plus(name, value), body, failure);
        }

        /** A copy with this body, as UTF-8. */
        public Reply body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A copy with this body. It is handed to the response as it is: with a {@code Content-Encoding}
         * header it must already be encoded that way.
         */
        public Reply body(byte[] bytes) {
            return new Reply(status, reason, headers, bytes.clone(), failure);
        }

        @Override
        public String toString() {
            return failure != null ? "Reply[throws " + failure + "]" : "Reply[" + status + ", " + body.length + " body bytes]";
        }
    }
}
