package dev.spool.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spool.Headers;
import dev.spool.internal.http2.Http2HeaderRules.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Http2HeaderRules}: malformed responses (RFC 9113 section 8.2-8.3) and request field lists. */
class Http2HeaderRulesTest {
    /** Fields from alternating names and values. */
    static List<Field> fields(String... nv) {
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < nv.length; i += 2) {
            out.add(new Field(nv[i], nv[i + 1]));
        }
        return out;
    }

    private static String malformed(List<Field> fields) {
        Http2Exception e = assertThrows(Http2Exception.class, () -> Http2HeaderRules.checkResponseHead(fields, 3));
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
        assertFalse(e.isConnectionError());
        assertEquals(3, e.streamId());
        return e.getMessage();
    }

    @Nested
    class Responses {
        @Test
        void aWellFormedHead() throws Http2Exception {
            List<Field> f = fields(":status", "200", "content-type", "text/plain", "te", "trailers", "x-empty", "",
                    "x-inner", "a \t b");
            assertEquals(200, Http2HeaderRules.checkResponseHead(f, 1));
            Headers h = Http2HeaderRules.toHeaders(f);
            assertEquals(4, h.size());
            assertEquals("text/plain", h.get("Content-Type"));
        }

        @Test
        void informational() throws Http2Exception {
            assertEquals(103, Http2HeaderRules.checkResponseHead(fields(":status", "103", "link", "</a>"), 1));
        }

        @Test
        void statusMustBeThreeDigits() {
            for (String status : new String[] {"", "2000", "20x", " 200"}) {
                assertEquals("malformed response on stream 3: :status \"" + status + "\" is not 3 digits",
                        malformed(fields(":status", status)));
            }
        }

        @Test
        void missingStatus() {
            assertEquals("malformed response on stream 3: no :status pseudo-header in the response",
                    malformed(fields("content-length", "1")));
        }

        @Test
        void secondStatus() {
            assertEquals("malformed response on stream 3: second :status pseudo-header",
                    malformed(fields(":status", "200", ":status", "204")));
        }

        @Test
        void pseudoHeaderAfterARegularField() {
            assertEquals("malformed response on stream 3: pseudo-header \":status\" after a regular field",
                    malformed(fields("server", "x", ":status", "200")));
        }

        @Test
        void requestPseudoHeaderInAResponse() {
            assertEquals("malformed response on stream 3: pseudo-header \":path\" is not allowed in a response (only :status)",
                    malformed(fields(":status", "200", ":path", "/")));
        }

        @Test
        void uppercaseName() {
            assertEquals("malformed response on stream 3: response field name \"Content-Type\" has an uppercase character"
                    + " at index 0", malformed(fields(":status", "200", "Content-Type", "x")));
        }

        @Test
        void emptyName() {
            assertEquals("malformed response on stream 3: empty response field name",
                    malformed(fields(":status", "200", "", "x")));
        }

        @Test
        void nameNotAToken() {
            assertEquals("malformed response on stream 3: response field name \"a b\" has a character not allowed in a"
                    + " token at index 1", malformed(fields(":status", "200", "a b", "x")));
        }

        @ParameterizedTest
        @CsvSource({"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"})
        void connectionSpecificField(String name) {
            assertEquals("malformed response on stream 3: connection-specific field \"" + name + "\" in the response",
                    malformed(fields(":status", "200", name, "x")));
        }

        @Test
        void teOtherThanTrailers() {
            assertEquals("malformed response on stream 3: te field with value \"gzip\" (only \"trailers\" is allowed)",
                    malformed(fields(":status", "200", "te", "gzip")));
        }

        @Test
        void controlCharactersInValues() {
            assertEquals("malformed response on stream 3: response field \"x\" value has CR at index 1",
                    malformed(fields(":status", "200", "x", "a\rb")));
            assertEquals("malformed response on stream 3: response field \"x\" value has LF at index 0",
                    malformed(fields(":status", "200", "x", "\nb")));
            assertEquals("malformed response on stream 3: response field \"x\" value has NUL at index 2",
                    malformed(fields(":status", "200", "x", "ab\0")));
        }

        @Test
        void leadingOrTrailingWhitespace() {
            assertEquals("malformed response on stream 3: response field \"x\" value \" a\" has leading or trailing"
                    + " whitespace", malformed(fields(":status", "200", "x", " a")));
            assertEquals("malformed response on stream 3: response field \"x\" value \"a\\x09\" has leading or trailing"
                    + " whitespace", malformed(fields(":status", "200", "x", "a\t")));
        }
    }

    @Nested
    class Trailers {
        @Test
        void regularFieldsAreFine() throws Http2Exception {
            Http2HeaderRules.checkTrailers(fields("grpc-status", "0", "x-checksum", "abc"), 5);
        }

        @Test
        void noPseudoHeaders() {
            Http2Exception e = assertThrows(Http2Exception.class,
                    () -> Http2HeaderRules.checkTrailers(fields(":status", "200"), 5));
            assertEquals("malformed response on stream 5: pseudo-header \":status\" in trailers", e.getMessage());
            assertEquals(5, e.streamId());
        }

        @Test
        void sameFieldRules() {
            Http2Exception e = assertThrows(Http2Exception.class,
                    () -> Http2HeaderRules.checkTrailers(fields("X-Sum", "1"), 5));
            assertEquals("malformed response on stream 5: trailer field name \"X-Sum\" has an uppercase character at"
                    + " index 0", e.getMessage());
        }
    }

    @Nested
    class Requests {
        @Test
        void pseudoHeadersFirstThenLowercaseFields() {
            Headers h = Headers.of("Accept", "*/*", "X-Trace", " a b ");
            assertEquals(fields(":method", "GET", ":scheme", "https", ":authority", "example.com:8443", ":path", "/a?b",
                    "accept", "*/*", "x-trace", "a b"),
                    Http2HeaderRules.requestFields("GET", "https", "example.com:8443", "/a?b", h));
        }

        @Test
        void hostBecomesTheAuthority() {
            Headers h = Headers.of("Host", "other.example", "Accept", "x");
            assertEquals(fields(":method", "GET", ":scheme", "http", ":authority", "other.example", ":path", "/",
                    "accept", "x"), Http2HeaderRules.requestFields("GET", "http", "example.com", "/", h));
            assertEquals(fields(":method", "GET", ":scheme", "http", ":authority", "other.example", ":path", "/"),
                    Http2HeaderRules.requestFields("GET", "http", null, "/", Headers.of("host", "other.example")));
        }

        @Test
        void connectionSpecificFieldsAreDropped() {
            Headers h = Headers.of("Connection", "keep-alive, X-Hop", "Keep-Alive", "timeout=5", "Proxy-Connection",
                    "close", "Transfer-Encoding", "chunked", "Upgrade", "h2c", "X-Hop", "1", "TE", "gzip", "X-Kept", "2");
            assertEquals(fields(":method", "POST", ":scheme", "https", ":authority", "a", ":path", "/", "x-kept", "2"),
                    Http2HeaderRules.requestFields("POST", "https", "a", "/", h));
        }

        @Test
        void teTrailersIsKept() {
            assertEquals(fields(":method", "GET", ":scheme", "https", ":authority", "a", ":path", "/", "te", "trailers"),
                    Http2HeaderRules.requestFields("GET", "https", "a", "/", Headers.of("TE", "Trailers")));
        }

        @Test
        void connectHasNoSchemeOrPath() {
            assertEquals(fields(":method", "CONNECT", ":authority", "a:443"),
                    Http2HeaderRules.requestFields("CONNECT", null, "a:443", null, Headers.EMPTY));
        }

        @Test
        void badArguments() {
            assertEquals("request method \"G T\" is not a token", assertThrows(IllegalArgumentException.class,
                    () -> Http2HeaderRules.requestFields("G T", "https", "a", "/", Headers.EMPTY)).getMessage());
            assertEquals("no authority for the request: pass one or set a Host header",
                    assertThrows(IllegalArgumentException.class,
                            () -> Http2HeaderRules.requestFields("GET", "https", null, "/", Headers.EMPTY)).getMessage());
            assertEquals(":path must not be empty (use \"/\" for the root)", assertThrows(IllegalArgumentException.class,
                    () -> Http2HeaderRules.requestFields("GET", "https", "a", "", Headers.EMPTY)).getMessage());
            assertEquals(":scheme must not be empty", assertThrows(IllegalArgumentException.class,
                    () -> Http2HeaderRules.requestFields("GET", null, "a", "/", Headers.EMPTY)).getMessage());
        }
    }
}
