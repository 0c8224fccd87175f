package dev.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Reading a body into memory within a limit (the allocation bound is tested over a socket in spool-tests). */
class BodyReaderTest {
    private static final String WHAT = "GET http://h/";

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    @Test
    void readsExactlyWhatArrivesWhateverTheHint() throws IOException {
        for (int n : new int[] {0, 1, 8191, 8192, 8193, 100_000}) {
            byte[] data = bytes(n);
            for (long hint : new long[] {-1, 0, n, n / 2, n * 2L + 1}) {
                assertArrayEquals(data, BodyReader.readAll(new ByteArrayInputStream(data), hint, 1 << 20, WHAT),
                        n + " bytes, hint " + hint);
            }
        }
    }

    @Test
    void oneByteOverTheLimitIsTooLarge() throws IOException {
        assertArrayEquals(bytes(1000), BodyReader.readAll(new ByteArrayInputStream(bytes(1000)), -1, 1000, WHAT));
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class,
                () -> BodyReader.readAll(new ByteArrayInputStream(bytes(1001)), -1, 1000, WHAT));
        assertEquals(1000, e.limit());
    }

    @Test
    void sizesAreWrittenForPeople() {
        assertEquals("1 GiB", BodyReader.human(1L << 30));
        assertEquals("64 MiB", BodyReader.human(64L << 20));
        assertEquals("3 KiB", BodyReader.human(3072));
        assertEquals("1000 B", BodyReader.human(1000));
        assertEquals("1048577 B", BodyReader.human((1 << 20) + 1));
    }
}
