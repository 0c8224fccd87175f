package dev.spool.internal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spool.internal.http1.ResponseParser.Event;
import dev.spool.internal.http1.ResponseParser.Framing;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The parts of {@link ResponseParser} a byte table cannot show: the direct body path, buffers, state. */
class ResponseParserTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static ResponseParser parser() {
        return new ResponseParser(HeaderLimits.DEFAULT);
    }

    private static void feed(ResponseParser p, String s) {
        byte[] b = ascii(s);
        p.feed(b, 0, b.length);
    }

    private static String body(ResponseParser p) {
        return new String(p.bodyArray(), p.bodyOffset(), p.bodyLength(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void directBodyPathForContentLength() throws Http1Exception {
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
        assertEquals(Event.HEAD, p.next());
        assertEquals(0, p.directBodyLimit(), "buffered bytes must come out through next() first");
        assertEquals(Event.BODY, p.next());
        assertEquals("0123456789", body(p));
        assertEquals(90, p.directBodyLimit());
        long before = p.bytesReceived();
        p.directBodyRead(60);
        assertEquals(before + 60, p.bytesReceived());
        assertEquals(30, p.directBodyLimit());
        assertEquals(Event.NEED_DATA, p.next());
        assertThrows(IllegalArgumentException.class, () -> p.directBodyRead(31));
        p.directBodyRead(30);
        assertEquals(0, p.directBodyLimit());
        assertEquals(Event.END, p.next());
        assertTrue(p.keepAlive());
    }

    @Test
    void directBodyPathEofReportsDirectBytesToo() throws Http1Exception {
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        assertEquals(Event.HEAD, p.next());
        p.directBodyRead(40);
        p.feedEof();
        assertEquals(0, p.directBodyLimit(), "after EOF a direct read would only see EOF again, forever");
        Http1Exception e = assertThrows(Http1Exception.class, p::next);
        assertEquals("response body ended after 40 of 100 bytes (Content-Length)", e.getMessage());
    }

    @Test
    void noDirectBodyAfterEofSoTheTruncationIsReported() throws Http1Exception {
        // Found by FaultMatrixTest (DISCONNECT_MID_BODY, buffered): a reader on the direct path that
        // met EOF was offered the direct path again, read EOF again, and looped forever.
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        assertEquals(Event.HEAD, p.next());
        p.directBodyRead(50);
        assertEquals(50, p.directBodyLimit());
        p.feedEof();
        assertEquals(0, p.directBodyLimit(), "EOF ends the direct path");
        Http1Exception e = assertThrows(Http1Exception.class, p::next);
        assertEquals("response body ended after 50 of 100 bytes (Content-Length)", e.getMessage());

        ResponseParser c = parser();
        feed(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n");
        assertEquals(Event.HEAD, c.next());
        assertEquals(Event.NEED_DATA, c.next());
        assertEquals(16, c.directBodyLimit());
        c.feedEof();
        assertEquals(0, c.directBodyLimit(), "EOF ends the direct path inside a chunk too");
        e = assertThrows(Http1Exception.class, c::next);
        assertEquals("chunked body ended before the last chunk", e.getMessage());
    }

    @Test
    void directBodyPathForChunks() throws Http1Exception {
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n");
        assertEquals(Event.HEAD, p.next());
        assertEquals(0, p.directBodyLimit(), "the chunk size line is still buffered");
        assertEquals(Event.NEED_DATA, p.next());
        assertEquals(10, p.directBodyLimit());
        p.directBodyRead(4);
        assertEquals(6, p.directBodyLimit());
        p.directBodyRead(6);
        assertEquals(0, p.directBodyLimit(), "the CRLF after the data is framing, not body");
        feed(p, "\r\n3\r\nabc\r\n0\r\n\r\n");
        assertEquals(Event.BODY, p.next());
        assertEquals("abc", body(p));
        assertEquals(Event.END, p.next());
    }

    @Test
    void directBodyPathUntilClose() throws Http1Exception {
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\n\r\n");
        assertEquals(Event.HEAD, p.next());
        assertEquals(Framing.UNTIL_CLOSE, p.framing());
        assertEquals(Long.MAX_VALUE, p.directBodyLimit());
        p.directBodyRead(1 << 20);
        assertEquals(Long.MAX_VALUE, p.directBodyLimit());
        p.feedEof();
        assertEquals(0, p.directBodyLimit());
        assertEquals(Event.END, p.next());
    }

    @Test
    void noDirectBodyOutsideBodyData() throws Http1Exception {
        ResponseParser p = parser();
        assertEquals(0, p.directBodyLimit());
        feed(p, "HTTP/1.1 204 No Content\r\n\r\n");
        assertEquals(Event.HEAD, p.next());
        assertEquals(0, p.directBodyLimit());
        assertThrows(IllegalArgumentException.class, () -> p.directBodyRead(1));
    }

    @Test
    void zeroCopyInputPath() throws Http1Exception {
        ResponseParser p = parser();
        byte[] response = ascii("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
        byte[] buf = p.inputBuffer(8192);
        assertTrue(p.inputSpace() >= 8192);
        System.arraycopy(response, 0, buf, p.inputOffset(), response.length);
        p.inputWritten(response.length);
        assertEquals(response.length, p.bytesReceived());
        assertEquals(Event.HEAD, p.next());
        assertEquals(Event.BODY, p.next());
        assertEquals("abc", body(p));
        assertEquals(Event.END, p.next());
        assertEquals(Event.END, p.next(), "END repeats until startResponse");
        assertThrows(IllegalArgumentException.class, () -> p.inputWritten(p.inputSpace() + 1));
    }

    @Test
    void startResponseKeepsLeftoversAndCountsThem() throws Http1Exception {
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 204 No Content\r\n");
        assertEquals(Event.HEAD, p.next());
        assertEquals(Event.BODY, p.next());
        assertEquals(Event.END, p.next());
        assertEquals(25, p.buffered());
        p.startResponse(false);
        assertEquals(25, p.bytesReceived());
        assertEquals(0, p.status());
        assertTrue(p.headers().isEmpty());
        assertEquals(Event.NEED_DATA, p.next());
        feed(p, "\r\n");
        assertEquals(Event.HEAD, p.next());
        assertEquals(204, p.status());
        assertEquals("No Content", p.reason());
    }

    @Test
    void startResponseBeforeTheEndIsRefused() throws Http1Exception {
        ResponseParser p = parser();
        p.startResponse(false); // a fresh parser may be started explicitly
        feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab");
        assertEquals(Event.HEAD, p.next());
        assertThrows(IllegalStateException.class, () -> p.startResponse(false));
    }

    @Test
    void failedParserStaysFailed() {
        ResponseParser p = parser();
        feed(p, "garbage\r\n");
        Http1Exception first = assertThrows(Http1Exception.class, p::next);
        Http1Exception again = assertThrows(Http1Exception.class, p::next);
        assertEquals(first.getMessage(), again.getMessage());
        assertEquals(ParserState.FAILED, p.state());
        assertThrows(IllegalStateException.class, () -> p.startResponse(false));
    }

    @Test
    void eofEndsKeepAlive() throws Http1Exception {
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertEquals(Event.HEAD, p.next());
        assertTrue(p.keepAlive());
        p.feedEof();
        assertEquals(Event.END, p.next());
        assertEquals(false, p.keepAlive(), "the server closed: the connection cannot be reused");
        assertThrows(IllegalStateException.class, () -> p.feed(new byte[1], 0, 1));
    }

    @Test
    void headAccessors() throws Http1Exception {
        ResponseParser p = parser();
        feed(p, "HTTP/1.0 200 OK\r\nContent-Length: 12\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=100\r\n\r\n");
        assertEquals(Event.HEAD, p.next());
        assertEquals(0, p.minorVersion());
        assertEquals(Framing.CONTENT_LENGTH, p.framing());
        assertEquals(12, p.contentLength());
        assertTrue(p.keepAlive());
        assertEquals(5, p.keepAliveTimeoutSeconds());
        assertEquals("12", p.headers().get("content-length"));
        assertSame(p.trailers(), dev.spool.Headers.EMPTY);
    }

    @Test
    void commonNamesValuesAndReasonsAreShared() throws Http1Exception {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ntransfer-encoding: chunked\r\n"
                + "X-Custom: v\r\nCONTENT-LENGTH: 7\r\n\r\n0\r\n\r\n";
        ResponseParser p = parser();
        feed(p, response);
        assertEquals(Event.HEAD, p.next());
        dev.spool.Headers first = p.headers();
        assertSame("OK", p.reason());
        assertSame("Content-Type", first.name(0));
        assertSame("application/json", first.value(0));
        assertSame("chunked", first.value(1));
        assertEquals("CONTENT-LENGTH", first.name(3), "a name in another spelling is kept as sent");
        assertEquals(Framing.CHUNKED, p.framing(), "and still recognised");
        assertEquals(false, p.keepAlive(), "Transfer-Encoding with Content-Length");
        assertEquals(Event.END, p.next());

        p.startResponse(false);
        feed(p, response);
        assertEquals(Event.HEAD, p.next());
        dev.spool.Headers second = p.headers();
        assertSame(first.name(1), second.name(1), "the lower-case spelling is shared too");
        assertTrue(first.name(2) != second.name(2), "an unknown name is a new String");
        assertTrue(first.name(3) != second.name(3), "so is a known name in an unusual spelling");
    }

    @Test
    void bufferDoesNotGrowForBodies() throws Http1Exception {
        ResponseParser p = parser();
        byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n");
        byte[] buf = p.inputBuffer(head.length);
        System.arraycopy(head, 0, buf, p.inputOffset(), head.length);
        p.inputWritten(head.length);
        assertEquals(Event.HEAD, p.next());
        long total = 0;
        int initial = buf.length;
        while (total < 10_000_000) {
            buf = p.inputBuffer(8192);
            int n = (int) Math.min(p.inputSpace(), 10_000_000 - total);
            Arrays.fill(buf, p.inputOffset(), p.inputOffset() + n, (byte) 'x');
            p.inputWritten(n);
            Event e;
            while ((e = p.next()) == Event.BODY) {
                total += p.bodyLength();
            }
            assertTrue(e == Event.NEED_DATA || e == Event.END);
        }
        assertEquals(Event.END, p.next());
        assertEquals(initial, p.bodyArray().length);
    }

    @Test
    void bufferGrowsForALongHeadLineButBoundedly() throws Http1Exception {
        ResponseParser p = new ResponseParser(new HeaderLimits(64 * 1024, 100, 16 * 1024));
        byte[] start = ascii("HTTP/1.1 200 OK\r\nX-Long: ");
        byte[] buf = p.inputBuffer(start.length);
        System.arraycopy(start, 0, buf, p.inputOffset(), start.length);
        p.inputWritten(start.length);
        int written = 0;
        Http1Exception error = null;
        while (error == null) {
            buf = p.inputBuffer(8192);
            assertTrue(buf.length <= 16 * 1024 + 2 + 16 * 1024, "bounded by the line limit plus one read");
            Arrays.fill(buf, p.inputOffset(), p.inputOffset() + p.inputSpace(), (byte) 'a');
            written += p.inputSpace();
            p.inputWritten(p.inputSpace());
            try {
                assertEquals(Event.NEED_DATA, p.next());
            } catch (Http1Exception e) {
                error = e;
            }
            assertTrue(written < 100_000);
        }
        assertEquals("response header line exceeds 16384 bytes", error.getMessage());
    }

    @Test
    void defaultLimitsBoundAnEndlessLineByTheHeadLimit() throws Http1Exception {
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\nX-Endless: ");
        int written = 0;
        Http1Exception error = null;
        while (error == null) {
            byte[] buf = p.inputBuffer(8192);
            assertTrue(buf.length <= 64 * 1024 + 2 + 16 * 1024, "bounded by the head limit plus one read");
            Arrays.fill(buf, p.inputOffset(), p.inputOffset() + p.inputSpace(), (byte) 'a');
            written += p.inputSpace();
            p.inputWritten(p.inputSpace());
            try {
                assertEquals(Event.NEED_DATA, p.next());
            } catch (Http1Exception e) {
                error = e;
            }
            assertTrue(written < 200_000);
        }
        assertTrue(written > 64 * 1024, "failed only past the head limit, after " + written + " bytes");
        assertEquals("response header block exceeds 65536 bytes", error.getMessage());
    }

    @Test
    void defaultLimitsTakeOneLineOfAlmostTheWholeHead() throws Http1Exception {
        // Issue 10: one line may use the head's 64 KiB; 65,536 bytes in all, with the status line,
        // "X-Big: ", the CRLFs and the final empty line.
        String value = "v".repeat(64 * 1024 - 17 - 7 - 2 - 2);
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\nX-Big: " + value + "\r\n\r\n");
        assertEquals(Event.HEAD, p.next());
        assertEquals(value, p.headers().get("X-Big"));

        ResponseParser over = parser();
        feed(over, "HTTP/1.1 200 OK\r\nX-Big: " + value + "v\r\n\r\n");
        Http1Exception e = assertThrows(Http1Exception.class, over::next);
        assertEquals("response header block exceeds 65536 bytes", e.getMessage());
    }

    @Test
    void headWholeInTheBufferAfterGrowth() throws Http1Exception {
        StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 90; i++) {
            sb.append("X-Field-").append(i).append(": ").append("v".repeat(500)).append("\r\n");
        }
        sb.append("Content-Length: 0\r\n\r\n");
        byte[] in = ascii(sb.toString());
        ResponseParser p = parser();
        int off = 0;
        Event e = Event.NEED_DATA;
        while (e == Event.NEED_DATA) {
            byte[] buf = p.inputBuffer(1000);
            int n = Math.min(in.length - off, p.inputSpace());
            System.arraycopy(in, off, buf, p.inputOffset(), n);
            p.inputWritten(n);
            off += n;
            e = p.next();
        }
        assertEquals(Event.HEAD, e);
        assertEquals(91, p.headers().size());
    }

    @Test
    void transitionTableIsClosed() {
        for (ParserState s : ParserState.values()) {
            boolean canLeave = false;
            for (ParserState t : ParserState.values()) {
                canLeave |= s.canMoveTo(t);
            }
            assertEquals(s != ParserState.FAILED, canLeave, s + " has successors");
        }
        assertTrue(ParserState.DONE.canMoveTo(ParserState.STATUS_LINE));
        assertEquals(false, ParserState.BODY_LENGTH.canMoveTo(ParserState.CHUNK_SIZE));
    }

    @Test
    void quoteEscapesAndCuts() {
        assertEquals("\"a\\x0d\\x0a\\x22\\x5c\\xff\"", WireText.quote(new byte[] {'a', '\r', '\n', '"', '\\', (byte) 0xff}, 0, 6));
        byte[] longLine = ascii("x".repeat(50));
        assertEquals("\"" + "x".repeat(40) + "...\"", WireText.quote(longLine, 0, longLine.length));
    }

    @Test
    void bodyEventsAllocateNothing() throws Http1Exception {
        MethodHandle counter = allocatedBytesCounter();
        byte[] chunk = ascii("400\r\n" + "y".repeat(1024) + "\r\n");
        ResponseParser p = parser();
        feed(p, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertEquals(Event.HEAD, p.next());
        long sum = 0;
        for (int round = 0; round < 3; round++) { // the first rounds warm up the JIT
            long before = allocatedBytes(counter);
            for (int i = 0; i < 20_000; i++) {
                byte[] buf = p.inputBuffer(chunk.length);
                System.arraycopy(chunk, 0, buf, p.inputOffset(), chunk.length);
                p.inputWritten(chunk.length);
                Event e;
                while ((e = p.next()) == Event.BODY) {
                    sum += p.bodyLength();
                }
                if (e != Event.NEED_DATA) {
                    throw new AssertionError(e);
                }
            }
            long allocated = allocatedBytes(counter) - before;
            if (round == 2) {
                assertTrue(allocated < 20_000, "20,000 chunks allocated " + allocated + " bytes");
            }
        }
        assertEquals(3L * 20_000 * 1024, sum);
    }

    @Test
    void typicalHeadAllocatesOnlyItsValuesAndHeaders() throws Http1Exception {
        MethodHandle counter = allocatedBytesCounter();
        byte[] response = ascii("HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\nServer: nginx\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nhi");
        ResponseParser p = parser();
        long perResponse = 0;
        for (int round = 0; round < 3; round++) {
            long before = allocatedBytes(counter);
            for (int i = 0; i < 10_000; i++) {
                p.startResponse(false);
                byte[] buf = p.inputBuffer(response.length);
                System.arraycopy(response, 0, buf, p.inputOffset(), response.length);
                p.inputWritten(response.length);
                while (p.next() != Event.END) {
                    // drain
                }
            }
            perResponse = (allocatedBytes(counter) - before) / 10_000;
        }
        // What is left, on a 64-bit JVM with compressed oops: the Date and Content-Length values
        // (72 + 48 bytes with their arrays), a 10-slot String[] (56) and the Headers (24) = 200.
        // One more String per field (an un-interned name) would add 48 bytes for each of 5 fields.
        assertTrue(perResponse <= 240, "allocated " + perResponse + " bytes per response");
    }

    /**
     * The JDK's per-thread allocation counter ({@code com.sun.management.ThreadMXBean}), reached
     * reflectively because the test classes compile inside module dev.spool, which does not read
     * jdk.management; a bound MethodHandle calls it without boxing.
     */
    private static MethodHandle allocatedBytesCounter() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            assumeTrue(type.isInstance(bean), "allocation counters unavailable");
            assumeTrue((Boolean) type.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean), "allocation counters disabled");
            MethodHandle h = MethodHandles.publicLookup()
                    .findVirtual(type, "getThreadAllocatedBytes", MethodType.methodType(long.class, long.class));
            return h.bindTo(bean);
        } catch (ReflectiveOperationException e) {
            assumeTrue(false, "allocation counters unavailable: " + e);
            return null;
        }
    }

    private static long allocatedBytes(MethodHandle counter) {
        try {
            return (long) counter.invokeExact(Thread.currentThread().getId());
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ResponseParser(new HeaderLimits(0, 10, 10)));
        assertThrows(IllegalArgumentException.class, () -> new ResponseParser(new HeaderLimits(10, 10, 0)));
    }
}
