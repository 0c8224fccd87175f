package dev.spool.internal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spool.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one byte-table case through a {@link ResponseParser} fed in every way a socket could split
 * the bytes, and checks that each way yields the same events as the expected table.
 */
final class ParserHarness {
    private final byte[] input;
    private boolean[] headRequests = {false};
    private HeaderLimits limits = HeaderLimits.DEFAULT;

    private ParserHarness(byte[] input) {
        this.input = input;
    }

    /** A case whose input is this text, one char per byte (ISO-8859-1). */
    static ParserHarness of(String input) {
        return new ParserHarness(input.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A case with this exact input. */
    static ParserHarness of(byte[] input) {
        return new ParserHarness(input);
    }

    /** The requests the responses answer, in order: true for HEAD. One GET by default. */
    ParserHarness requests(boolean... headRequests) {
        this.headRequests = headRequests;
        return this;
    }

    ParserHarness limits(HeaderLimits limits) {
        this.limits = limits;
        return this;
    }

    /**
     * Feeds the input (1) in one piece, (2) in two pieces split at every position, (3) byte by
     * byte through the zero-copy input path, (4) as a body stream reads it, body bytes straight from
     * the socket whenever {@link ResponseParser#directBodyLimit()} allows, then EOF unless the last
     * response ended first; checks each run against {@code expected}. An expected
     * {@code "ERROR fragment"} matches an error whose message contains the fragment; runs must agree
     * with each other on the exact message.
     */
    void expect(String... expected) {
        List<String> whole = run(new int[] {input.length}, false);
        matches(List.of(expected), whole, "in one piece");
        for (int cut = 1; cut < input.length; cut++) {
            List<String> split = run(new int[] {cut, input.length}, false);
            assertEquals(whole, split, "split at " + cut + " of " + input.length);
        }
        int[] bytes = new int[input.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = i + 1;
        }
        assertEquals(whole, run(bytes, true), "byte by byte");
        assertEquals(whole, runDirect(), "with direct body reads");
    }

    /**
     * Feeds the input as BodyStream reads a socket: body bytes go straight into the caller's array
     * whenever the parser allows (three at a time here), tried before next(); other bytes go in one at
     * a time; at the end of input a read returns -1, which the parser is told. The fault matrix found
     * a loop in this path (EOF met on a direct read), so every table runs it.
     */
    private List<String> runDirect() {
        ResponseParser p = new ResponseParser(limits);
        p.startResponse(headRequests[0]);
        List<String> out = new ArrayList<>();
        int response = 0;
        int from = 0;
        int steps = 0;
        int maxSteps = 5 * input.length + 100;
        StringBuilder body = null;
        try {
            while (true) {
                if (++steps > maxSteps) {
                    fail("no progress after " + maxSteps + " steps with direct body reads");
                }
                long direct = p.directBodyLimit();
                if (direct > 0) {
                    if (from == input.length) {
                        p.feedEof(); // the direct read returned -1
                        continue;
                    }
                    int n = (int) Math.min(direct, Math.min(3, input.length - from));
                    String text = escape(new String(input, from, n, StandardCharsets.ISO_8859_1));
                    if (body == null) {
                        body = new StringBuilder("BODY ");
                        out.add("");
                    }
                    body.append(text);
                    out.set(out.size() - 1, body.toString());
                    p.directBodyRead(n);
                    from += n;
                    continue;
                }
                ResponseParser.Event e = p.next();
                if (e == ResponseParser.Event.NEED_DATA) {
                    if (from == input.length) {
                        if (p.buffered() == 0 && p.directBodyLimit() == 0 && endOfInputSeen(p)) {
                            out.add("NEED_DATA after EOF");
                            return out;
                        }
                        p.feedEof();
                    } else {
                        put(p, from, 1, true);
                        from++;
                    }
                    continue;
                }
                body = record(p, e, out, body);
                if (e == ResponseParser.Event.END) {
                    if (++response == headRequests.length) {
                        return out;
                    }
                    p.startResponse(headRequests[response]);
                }
            }
        } catch (Http1Exception x) {
            out.add("ERROR " + x.getMessage());
            return out;
        }
    }

    /** Whether EOF was already fed: feeding input after it is refused, which is how to ask. */
    private static boolean endOfInputSeen(ResponseParser p) {
        try {
            p.feed(new byte[0], 0, 0);
            return false;
        } catch (IllegalStateException eofAlready) {
            return true;
        }
    }

    private static void matches(List<String> expected, List<String> actual, String how) {
        boolean same = expected.size() == actual.size();
        for (int i = 0; same && i < expected.size(); i++) {
            String e = expected.get(i);
            String a = actual.get(i);
            same = e.startsWith("ERROR ") ? a.startsWith("ERROR ") && a.contains(e.substring(6)) : e.equals(a);
        }
        if (!same) {
            fail("events " + how + "\nexpected: " + expected + "\nactual:   " + actual);
        }
    }

    /** Feeds the input in pieces ending at {@code ends} and renders the events, BODY merged. */
    private List<String> run(int[] ends, boolean zeroCopy) {
        ResponseParser p = new ResponseParser(limits);
        p.startResponse(headRequests[0]);
        List<String> out = new ArrayList<>();
        int response = 0;
        int from = 0;
        int calls = 0;
        int maxCalls = 4 * input.length + 100;
        StringBuilder body = null;
        try {
            pieces:
            for (int end : ends) {
                put(p, from, end - from, zeroCopy);
                from = end;
                while (true) {
                    if (++calls > maxCalls) {
                        fail("no progress after " + maxCalls + " calls to next()");
                    }
                    ResponseParser.Event e = p.next();
                    if (e == ResponseParser.Event.NEED_DATA) {
                        continue pieces;
                    }
                    body = record(p, e, out, body);
                    if (e == ResponseParser.Event.END) {
                        if (++response == headRequests.length) {
                            return out;
                        }
                        p.startResponse(headRequests[response]);
                    }
                }
            }
            p.feedEof();
            while (true) {
                if (++calls > maxCalls) {
                    fail("no progress after EOF");
                }
                ResponseParser.Event e = p.next();
                if (e == ResponseParser.Event.NEED_DATA) {
                    out.add("NEED_DATA after EOF");
                    return out;
                }
                body = record(p, e, out, body);
                if (e == ResponseParser.Event.END) {
                    if (++response == headRequests.length) {
                        return out;
                    }
                    p.startResponse(headRequests[response]);
                }
            }
        } catch (Http1Exception x) {
            out.add("ERROR " + x.getMessage());
            return out;
        }
    }

    private void put(ResponseParser p, int from, int len, boolean zeroCopy) {
        if (!zeroCopy) {
            p.feed(input, from, len);
            return;
        }
        while (len > 0) {
            byte[] b = p.inputBuffer(len);
            int n = Math.min(len, p.inputSpace());
            System.arraycopy(input, from, b, p.inputOffset(), n);
            p.inputWritten(n);
            from += n;
            len -= n;
        }
    }

    /** Renders an event; consecutive BODY events share one entry, so every split compares equal. */
    private static StringBuilder record(ResponseParser p, ResponseParser.Event e, List<String> out, StringBuilder body) {
        if (e == ResponseParser.Event.BODY) {
            assertTrue(p.bodyLength() > 0, "empty BODY event");
            assertTrue(p.bodyOffset() >= 0 && p.bodyOffset() + p.bodyLength() <= p.bodyArray().length);
            String text = escape(new String(p.bodyArray(), p.bodyOffset(), p.bodyLength(), StandardCharsets.ISO_8859_1));
            if (body == null) {
                body = new StringBuilder("BODY ");
                out.add("");
            }
            body.append(text);
            out.set(out.size() - 1, body.toString());
            return body;
        }
        out.add(render(p, e));
        return null;
    }

    /** One event as a line of a byte table. */
    static String render(ResponseParser p, ResponseParser.Event e) {
        switch (e) {
            case INFORMATIONAL:
                return "INFO " + p.status() + (p.reason().isEmpty() ? "" : " " + escape(p.reason())) + " " + fields(p.headers());
            case HEAD:
                return "HEAD " + p.status() + (p.reason().isEmpty() ? "" : " " + escape(p.reason())) + " " + fields(p.headers())
                        + " " + p.framing() + (p.keepAlive() ? " keepAlive" : " close")
                        + (p.minorVersion() != 1 ? " HTTP/1." + p.minorVersion() : "")
                        + (p.keepAliveTimeoutSeconds() >= 0 ? " timeout=" + p.keepAliveTimeoutSeconds() : "");
            case END:
                return "END" + (p.trailers().isEmpty() ? "" : " " + fields(p.trailers()))
                        + (p.keepAlive() ? " keepAlive" : " close");
            default:
                return e.toString();
        }
    }

    static String fields(Headers h) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < h.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(h.name(i)).append(": ").append(escape(h.value(i)));
        }
        return sb.append(']').toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
