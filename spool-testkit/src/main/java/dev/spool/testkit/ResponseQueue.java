package dev.spool.testkit;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Where a {@link MockServer}'s responses come from: the queue of scripted responses, then the
 * dispatcher, then {@code 200 ok}. Safe for many connection threads at once.
 */
final class ResponseQueue {
    private static final MockResponse DEFAULT_RESPONSE = new MockResponse().body("ok").copy();

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<MockResponse> queue = new ArrayDeque<>();
    private volatile Function<RecordedRequest, MockResponse> dispatcher;

    /** Adds a copy of the response at the end of the queue. */
    void enqueue(MockResponse response) {
        MockResponse copy = response.copy();
        lock.lock();
        try {
            queue.addLast(copy);
        } finally {
            lock.unlock();
        }
    }

    void dispatcher(Function<RecordedRequest, MockResponse> dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Takes the head of the queue if it is a fault that acts before the request is read. */
    MockResponse takeAtStartFault() {
        lock.lock();
        try {
            MockResponse head = queue.peekFirst();
            return head != null && head.faultsAtStart() ? queue.pollFirst() : null;
        } finally {
            lock.unlock();
        }
    }

    /** The head of the queue, or null when it is empty. */
    MockResponse takeQueued() {
        lock.lock();
        try {
            return queue.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Puts back a response whose request never arrived whole, for the next request. */
    void requeueFirst(MockResponse response) {
        lock.lock();
        try {
            queue.addFirst(response);
        } finally {
            lock.unlock();
        }
    }

    /** The dispatcher's answer (a 500 naming what it threw), or {@code 200 ok} without one. */
    MockResponse dispatch(RecordedRequest request) {
        Function<RecordedRequest, MockResponse> d = dispatcher;
        if (d == null) {
            return DEFAULT_RESPONSE;
        }
        try {
            MockResponse r = d.apply(request);
            return r == null ? DEFAULT_RESPONSE : r.copy();
        } catch (RuntimeException | AssertionError e) {
            return new MockResponse().status(500).body("MockServer dispatcher threw " + e + "\n").copy();
        }
    }
}
