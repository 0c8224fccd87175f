package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ConnectionInfo;
import dev.spool.Timings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How responses and connections are shown: JSON formatting, the binary guard, -v lines, log lines. No sockets. */
class OutputTest {
    @Test
    void jsonIsIndentedByTwoAndKeepsNumbersAsSent() {
        String in = "{\"a\":1.50,\"b\":[],\"c\":{},\"d\":[{\"e\":\"x\\\"y\\u00e9\"}],\"f\":-0,\"g\":12345678901234567890}";
        assertEquals("{\n  \"a\": 1.50,\n  \"b\": [],\n  \"c\": {},\n  \"d\": [\n    {\n      \"e\": \"x\\\"yé\"\n    }\n  ],\n"
                + "  \"f\": -0,\n  \"g\": 12345678901234567890\n}\n", JsonFormatter.format(bytes(in), Ansi.OFF));
        assertEquals("\"just a string\"\n", JsonFormatter.format(bytes("\"just a string\""), Ansi.OFF));
    }

    @Test
    void jsonColoursKeysStringsNumbersAndLiterals() {
        assertEquals("{\n  \u001b[1;34m\"k\"\u001b[0m: [\n    \u001b[32m\"s\"\u001b[0m,\n    \u001b[36m1\u001b[0m,\n"
                + "    \u001b[35mtrue\u001b[0m,\n    \u001b[35mnull\u001b[0m\n  ]\n}\n",
                JsonFormatter.format(bytes("{\"k\":[\"s\",1,true,null]}"), Ansi.ON));
    }

    @ParameterizedTest(name = "not JSON: {0}")
    @CsvSource(delimiter = '|', value = {"{\"a\":", "{} {}", "not json", "''"})
    void invalidJsonIsLeftToBeShownAsItCame(String text) {
        assertNull(JsonFormatter.format(bytes(text), Ansi.OFF));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "application/json                  | true",
        "application/json; charset=utf-8   | true",
        "Application/JSON                  | true",
        "application/problem+json          | true",
        "application/vnd.api+json;v=1      | true",
        "text/json-ish                     | false",
        "text/plain                        | false",
    })
    void jsonMediaTypes(String type, boolean json) {
        assertEquals(json, ResponsePrinter.isJson(type));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "image/png                 | hello | true",
        "image/svg+xml             | <svg> | false",
        "application/octet-stream  | hello | true",
        "application/pdf           | %PDF  | true",
        "text/plain                | hello | false",
        "NULL                      | hello | false",
    })
    void binaryByMediaType(String type, String body, boolean binary) {
        assertEquals(binary, ResponsePrinter.isBinary(type, bytes(body)));
    }

    @Test
    void binaryByANulByteInTheFirst8KiB() {
        byte[] b = new byte[ResponsePrinter.BINARY_SNIFF_BYTES + 10];
        java.util.Arrays.fill(b, (byte) 'a');
        b[b.length - 1] = 0;
        assertFalse(ResponsePrinter.isBinary("text/plain", b), "a NUL past the sniffed part is not looked at");
        b[100] = 0;
        assertTrue(ResponsePrinter.isBinary("text/plain", b));
    }

    @Test
    void prettyAutoDependsOnTheTerminalAndNoColor() {
        assertEquals(Pretty.all, Pretty.auto.resolve(true, false));
        assertEquals(Pretty.format, Pretty.auto.resolve(true, true));
        assertEquals(Pretty.none, Pretty.auto.resolve(false, false));
        assertEquals(Pretty.all, Pretty.all.resolve(false, true), "an explicit choice wins");
    }

    @Test
    void connectionFactsForNewReusedAndTls() {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 50000);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 8443);
        ConnectionInfo fresh = new ConnectionInfo("https://127.0.0.1:8443", 2, false, local, remote, "http/1.1",
                "TLSv1.3", "TLS_AES_128_GCM_SHA256", false);
        assertArrayEquals(new String[] {
            "* connection 2 to https://127.0.0.1:8443 (new), 127.0.0.1:50000 -> 127.0.0.1:8443",
            "* TLS TLSv1.3, TLS_AES_128_GCM_SHA256, full handshake"}, ConnectionReport.facts(fresh));
        ConnectionInfo reused = new ConnectionInfo("https://127.0.0.1:8443", 2, true, local, remote, "http/1.1",
                "TLSv1.3", "TLS_AES_128_GCM_SHA256", true);
        assertEquals("* TLS TLSv1.3, TLS_AES_128_GCM_SHA256, session resumed (abbreviated handshake) when the connection opened",
                ConnectionReport.facts(reused)[1]);
        ConnectionInfo plain = new ConnectionInfo("http://[::1]:80", 1, true, new InetSocketAddress("::1", 4000),
                new InetSocketAddress("::1", 80), "http/1.1", null, null, false);
        assertArrayEquals(new String[] {"* connection 1 to http://[::1]:80 (reused), [0:0:0:0:0:0:0:1]:4000 -> [0:0:0:0:0:0:0:1]:80"},
                ConnectionReport.facts(plain));
        assertEquals("* connection: not reported (the transport gives no connection facts)", ConnectionReport.facts(null)[0]);
        ConnectionInfo proxied = new ConnectionInfo("https://example.org:443", 1, false, local,
                new InetSocketAddress("127.0.0.1", 3128), "http/1.1", "TLSv1.3", "TLS_AES_128_GCM_SHA256", false,
                "http://127.0.0.1:3128");
        assertEquals("* connection 1 to https://example.org:443 (new), 127.0.0.1:50000 -> 127.0.0.1:3128 (proxy http://127.0.0.1:3128)",
                ConnectionReport.facts(proxied)[0]);
        ConnectionInfo h2 = new ConnectionInfo("https://127.0.0.1:8443", 1, true, local, remote, "h2",
                "TLSv1.3", "TLS_AES_128_GCM_SHA256", false, null, 5);
        assertEquals("* connection 1 to https://127.0.0.1:8443 (reused), 127.0.0.1:50000 -> 127.0.0.1:8443, HTTP/2 stream 5",
                ConnectionReport.facts(h2)[0]);
        ConnectionInfo why = new ConnectionInfo("http://127.0.0.1:8080", 2, false, local, remote, "http/1.1", null, null,
                false, null, 0, dev.spool.OpenReason.ALL_IN_USE, "all 1 connections to http://127.0.0.1:8080 are in use");
        assertArrayEquals(new String[] {"* connection 2 to http://127.0.0.1:8080 (new), 127.0.0.1:50000 -> 127.0.0.1:8443; "
                + "opened because all 1 connections to http://127.0.0.1:8080 are in use (ALL_IN_USE)"}, ConnectionReport.facts(why));
    }

    @Test
    void timingsAreOneLineOfMillisecondsInCurlsOrder() {
        Timings t = new Timings(Duration.ofNanos(50_000), Duration.ofMillis(2), Duration.ofNanos(1_250_000),
                Duration.ofMillis(12), Duration.ofNanos(3_456_789), Duration.ofMillis(1500));
        assertEquals("* timings: pool wait 0.1 ms, DNS 2.0 ms, connect 1.3 ms, TLS 12.0 ms, first byte 3.5 ms, total 1500.0 ms",
                ConnectionReport.timings(t));
        assertEquals("* timings: pool wait 0.0 ms, DNS 0.0 ms, connect 0.0 ms, TLS 0.0 ms, first byte 0.0 ms, total 0.0 ms",
                ConnectionReport.timings(Timings.ZERO));
    }

    @Test
    void libraryRecordsBecomeOneLineWithSystemLoggerLevelNames() {
        LogRecord debug = new LogRecord(Level.FINE, "Resetting dropped connection: {0}");
        debug.setParameters(new Object[] {"example.org"});
        assertEquals("DEBUG Resetting dropped connection: example.org", LibraryLog.format(debug));
        assertEquals("DEBUG trace", LibraryLog.format(new LogRecord(Level.FINER, "trace")));
        assertEquals("WARNING Connection pool is full", LibraryLog.format(new LogRecord(Level.WARNING, "Connection pool is full")));
        assertEquals("ERROR bad", LibraryLog.format(new LogRecord(Level.SEVERE, "bad")));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource(delimiter = '|', value = {"0 | 0 B", "1023 | 1023 B", "1024 | 1.0 KiB", "1572864 | 1.5 MiB", "3221225472 | 3.0 GiB"})
    void sizes(long n, String text) {
        assertEquals(text, Sizes.bytes(n));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
