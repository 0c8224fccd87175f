package dev.spool.internal.pool;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An origin's leased one-at-a-time connections in lease order, linked through the connections
 * themselves: adding and removing cost the same with 256 leased as with one, so a release never
 * scans the others under the origin's lock, and neither allocates. Used under that lock only.
 */
final class LeasedList implements Iterable<Pooled<?>> {
    private Pooled<?> head;
    private Pooled<?> tail;
    private int size;

    /** Appends {@code c}; it must not be in a list already. */
    void add(Pooled<?> c) {
        if (c.inLeased) {
            throw new IllegalStateException("connection " + c.number + " is leased twice");
        }
        c.inLeased = true;
        c.leasedPrev = tail;
        c.leasedNext = null;
        if (tail == null) {
            head = c;
        } else {
            tail.leasedNext = c;
        }
        tail = c;
        size++;
    }

    /** Removes {@code c} if it is in the list. */
    void remove(Pooled<?> c) {
        if (!c.inLeased) {
            return;
        }
        Pooled<?> prev = c.leasedPrev;
        Pooled<?> next = c.leasedNext;
        if (prev == null) {
            head = next;
        } else {
            prev.leasedNext = next;
        }
        if (next == null) {
            tail = prev;
        } else {
            next.leasedPrev = prev;
        }
        c.leasedPrev = null;
        c.leasedNext = null;
        c.inLeased = false;
        size--;
    }

    int size() {
        return size;
    }

    @Override
    public Iterator<Pooled<?>> iterator() {
        return new Iterator<>() {
            private Pooled<?> next = head;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Pooled<?> next() {
                Pooled<?> c = next;
                if (c == null) {
                    throw new NoSuchElementException();
                }
                next = c.leasedNext;
                return c;
            }
        };
    }
}
