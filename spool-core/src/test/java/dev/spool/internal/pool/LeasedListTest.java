package dev.spool.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spool.tls.TlsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The origin's leased list: lease order kept, any member removed in place, non-members ignored. */
class LeasedListTest {
    private static final OriginPool ORIGIN =
            new OriginPool(new OriginKey("http", "127.0.0.1", 8080, TlsConfig.DEFAULT, null), 0);

    private static Pooled<Poolable> conn(int number) {
        return new Pooled<>(new Poolable() {
            @Override
            public boolean isHealthy(long idleNanos, boolean thorough) {
                return true;
            }

            @Override
            public void closeQuietly() {
            }
        }, ORIGIN, number);
    }

    private static List<Integer> numbers(LeasedList l) {
        List<Integer> out = new ArrayList<>();
        for (Pooled<?> c : l) {
            out.add(c.number);
        }
        return out;
    }

    @Test
    void keepsLeaseOrderAndRemovesHeadMiddleAndTail() {
        LeasedList l = new LeasedList();
        List<Pooled<Poolable>> cs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            cs.add(conn(i));
            l.add(cs.get(i - 1));
        }
        assertEquals(List.of(1, 2, 3, 4, 5), numbers(l));
        l.remove(cs.get(2));
        assertEquals(List.of(1, 2, 4, 5), numbers(l));
        l.remove(cs.get(0));
        assertEquals(List.of(2, 4, 5), numbers(l));
        l.remove(cs.get(4));
        assertEquals(List.of(2, 4), numbers(l));
        assertEquals(2, l.size());
        l.add(cs.get(0)); // leased again: to the end
        assertEquals(List.of(2, 4, 1), numbers(l));
        l.remove(cs.get(1));
        l.remove(cs.get(3));
        l.remove(cs.get(0));
        assertEquals(List.of(), numbers(l));
        assertEquals(0, l.size());
        assertThrows(NoSuchElementException.class, () -> l.iterator().next());
    }

    @Test
    void removingAConnectionNotInTheListChangesNothing() {
        LeasedList l = new LeasedList();
        Pooled<Poolable> a = conn(1);
        Pooled<Poolable> b = conn(2);
        l.add(a);
        l.remove(b);
        l.remove(a);
        l.remove(a);
        assertEquals(0, l.size());
        l.add(b);
        assertEquals(List.of(2), numbers(l));
    }

    @Test
    void leasingOneConnectionTwiceIsAnError() {
        LeasedList l = new LeasedList();
        Pooled<Poolable> a = conn(7);
        l.add(a);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> l.add(a));
        assertEquals("connection 7 is leased twice", e.getMessage());
        assertEquals(1, l.size());
    }
}
