package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a response: charset, text, JSON (typed and as a tree), lines, size limits, raiseForStatus. No sockets. */
class ResponseReadingTest {
    static Response response(int status, byte[] body, String... headers) {
        return Response.builder()
                .request(new Request("GET", Url.parse("http://h.example/x?q=1"), null, null, null))
                .status(status)
                .headers(Headers.of(headers))
                .body(body)
                .build();
    }

    static Response ok(String body, String... headers) {
        return response(200, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    @ParameterizedTest(name = "Content-Type: {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "NONE                                  | UTF-8",
        "text/html                             | UTF-8",
        "text/plain                            | UTF-8",
        "application/json                      | UTF-8",
        "text/plain; charset=ISO-8859-1        | ISO-8859-1",
        "text/html;charset=windows-1252        | windows-1252",
        "text/plain; CHARSET=\"utf-16\"          | UTF-16",
        "application/json; charset=utf-8       | UTF-8",
        "text/plain; charset=no-such-charset   | UTF-8",
        "text/plain; charset=                  | UTF-8",
        "text/plain; charset=\"                 | UTF-8",
        "text/plain; format=flowed; charset=US-ASCII | US-ASCII",
    })
    void theCharsetComesFromContentTypeElseUtf8(String contentType, String charset) {
        Response r = contentType == null ? ok("") : ok("", "Content-Type", contentType);
        assertEquals(charset, r.charset().name());
    }

    @Test
    void textDecodesInTheDeclaredCharsetAndReplacesBadBytes() {
        byte[] latin1 = "gr\u00fc\u00dfe".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("gr\u00fc\u00dfe", response(200, latin1, "Content-Type", "text/plain; charset=ISO-8859-1").text());
        assertEquals("gr\ufffd\ufffde", response(200, latin1, "Content-Type", "text/plain").text(),
                "no charset: UTF-8, so Latin-1 bytes are not valid and become U+FFFD");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonAsATreeOfPlainJavaValues() {
        Response r = ok("{\"a\":[1,2.5,\"x\",true,null],\"b\":{\"big\":12345678901,\"huge\":123456789012345678901234}}",
                "Content-Type", "application/json");
        Map<String, Object> tree = (Map<String, Object>) r.json();
        assertEquals(List.of("a", "b"), List.copyOf(tree.keySet()), "document order kept");
        assertEquals(Arrays.asList(1, 2.5, "x", true, null), tree.get("a"));
        Map<String, Object> b = (Map<String, Object>) tree.get("b");
        assertEquals(12345678901L, b.get("big"));
        assertEquals(new BigInteger("123456789012345678901234"), b.get("huge"));
        assertEquals(List.of(1, 2), ok("[1,2]").json());
        assertEquals("s", ok("\"s\"").json());
        assertNull(ok("null").json());
    }

    @Test
    void jsonIntoAType() {
        record Point(int x, int y) {
        }
        assertEquals(new Point(3, 4), ok("{\"x\":3,\"y\":4}").json(Point.class));
    }

    @Test
    void jsonInALegacyCharsetIsDecodedFirst() {
        byte[] latin1 = "{\"n\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Response r = response(200, latin1, "Content-Type", "application/json; charset=ISO-8859-1");
        assertEquals(Map.of("n", "caf\u00e9"), r.json());
    }

    @Test
    void bodyThatIsNotJsonNamesTheUrlAndTheType() {
        SpoolException e = assertThrows(SpoolException.class, () -> ok("<html>").json(Map.class));
        assertTrue(e.getMessage().startsWith("response body from http://h.example/x?q=1 is not JSON readable as java.util.Map"),
                e.getMessage());
    }

    @Test
    void linesSplitAtLfCrAndCrlf() {
        try (Stream<String> lines = ok("a\r\nb\rc\nd").lines()) {
            assertEquals(List.of("a", "b", "c", "d"), lines.collect(Collectors.toList()));
        }
        byte[] latin1 = "\u00e9\n\u00fc".getBytes(StandardCharsets.ISO_8859_1);
        try (Stream<String> lines = response(200, latin1, "Content-Type", "text/plain; charset=ISO-8859-1").lines()) {
            assertEquals(List.of("\u00e9", "\u00fc"), lines.collect(Collectors.toList()));
        }
    }

    @Test
    void aLineLongerThanTheLimitFails() {
        Response r = ok("short\n" + "x".repeat(100) + "\n").limitBody(64);
        try (Stream<String> lines = r.lines()) {
            BodyTooLargeException e = assertThrows(BodyTooLargeException.class, () -> lines.collect(Collectors.toList()));
            assertEquals(64, e.limit());
            assertTrue(e.getMessage().contains("a line has no end within the limit"), e.getMessage());
        }
        Response many = ok(("y".repeat(60) + "\n").repeat(100)).limitBody(64);
        try (Stream<String> lines = many.lines()) {
            assertEquals(100, lines.count(), "many short lines are fine: the limit is per line");
        }
    }

    @Test
    void aBodyOverTheLimitFailsNamingTheLimit() {
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class,
                () -> response(200, new byte[101]).limitBody(100).bytes());
        assertEquals(100, e.limit());
        assertEquals("the body of GET http://h.example/x?q=1 is larger than maxBodySize, 100 bytes (100 B); read it"
                + " with stream(true) and inputStream(), or raise Session.builder().maxBodySize(...)", e.getMessage());
        assertEquals(100, response(200, new byte[100]).limitBody(100).bytes().length, "exactly at the limit is fine");
        assertEquals(0, response(200, new byte[0]).limitBody(1).bytes().length);
    }

    @Test
    void aContentLengthOverTheLimitFailsBeforeReading() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the body must not be read");
            }
        };
        Response r = Response.builder()
                .request(new Request("GET", Url.parse("http://h.example/big"), null, null, null))
                .status(200)
                .headers(Headers.of("Content-Length", "3221225472"))
                .body(untouchable)
                .build()
                .limitBody(1L << 30);
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class, r::bytes);
        assertTrue(e.getMessage().contains("1073741824 bytes (1 GiB): its Content-Length is 3221225472"), e.getMessage());
    }

    @Test
    void theDefaultLimitIsOneGibibyteOrAQuarterOfTheHeap() {
        long expected = Math.min(1L << 30, Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 4));
        assertEquals(expected, BodyReader.DEFAULT_MAX_BODY_SIZE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Session.builder().maxBodySize(0));
        assertTrue(e.getMessage().startsWith("maxBodySize must be between 1 and 2147483639 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Session.builder().maxBodySize(Integer.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "404 | Not Found | http://h.example/x           | 404 Client Error: Not Found for url: http://h.example/x",
        "418 | I'M A TEAPOT | http://h.example/t        | 418 Client Error: I'M A TEAPOT for url: http://h.example/t",
        "500 | NONE      | http://h.example/x           | 500 Server Error: Internal Server Error for url: http://h.example/x",
        "503 | ''        | http://h.example/x           | 503 Server Error: Service Unavailable for url: http://h.example/x",
        "401 | Unauthorized | http://user:secret@h.example/p | 401 Client Error: Unauthorized for url: http://h.example/p",
    })
    void raiseForStatusSaysWhatRequestsSays(int status, String reason, String url, String message) {
        Response r = Response.builder()
                .request(new Request("GET", Url.parse(url), null, null, null))
                .status(status)
                .reason(reason)
                .build();
        HttpStatusException e = assertThrows(HttpStatusException.class, r::raiseForStatus);
        assertEquals(message, e.getMessage());
        assertEquals(status, e.status());
        assertSame(r, e.response());
        assertTrue(!e.url().contains("secret"), e.url());
    }

    @Test
    void raiseForStatusReturnsTheResponseBelow400() {
        for (int status : new int[] {200, 204, 301, 399}) {
            Response r = response(status, new byte[0]);
            assertSame(r, r.raiseForStatus());
        }
    }

    @Test
    void elapsedIsWhatTheTransportMeasured() {
        Response r = Response.builder()
                .request(new Request("GET", Url.parse("http://h/"), null, null, null))
                .status(200)
                .elapsed(Duration.ofMillis(42))
                .body(new ByteArrayInputStream(new byte[0]))
                .build();
        assertEquals(Duration.ofMillis(42), r.elapsed());
    }
}
