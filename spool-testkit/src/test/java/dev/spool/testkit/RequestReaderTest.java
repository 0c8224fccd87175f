package dev.spool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request parser on exact bytes, without sockets. */
@Timeout(10)
class RequestReaderTest {

    private static WireInput wire(String bytes) {
        return new WireInput(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void headFramingFacts() throws Exception {
        RequestHead h = RequestReader.readHead(wire("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                + "Expect: 100-Continue\r\nConnection: keep-alive, Close\r\n\r\n"));
        assertEquals(3, h.contentLength);
        assertFalse(h.chunked);
        assertTrue(h.expectContinue);
        assertTrue(h.clientWantsClose);
        assertTrue(h.hasBody());
    }

    @Test
    void http10DefaultsToClose() throws Exception {
        assertTrue(RequestReader.readHead(wire("GET / HTTP/1.0\r\n\r\n")).clientWantsClose);
        assertFalse(RequestReader.readHead(wire("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")).clientWantsClose);
        assertFalse(RequestReader.readHead(wire("GET / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n")).expectContinue);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5\\r\\nhello\\r\\n0\\r\\n\\r\\n|hello|0",
        "5;a=b\\r\\nhello\\r\\n6\\r\\n world\\r\\n0\\r\\nT: v\\r\\n\\r\\n|hello world|1",
        "f\\r\\n0123456789abcde\\r\\n0\\r\\n\\r\\n|0123456789abcde|0",
        "F\\r\\n0123456789abcde\\r\\n0;last\\r\\n\\r\\n|0123456789abcde|0",
    })
    void chunkedBodies(String wireBody, String expected, int trailers) throws Exception {
        String bytes = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + wireBody.replace("\\r\\n", "\r\n");
        WireInput in = wire(bytes);
        RequestBody b = RequestReader.readBody(in, RequestReader.readHead(in), 1 << 20);
        assertEquals(expected, new String(b.bytes, StandardCharsets.ISO_8859_1));
        assertEquals(expected.length(), b.size);
        assertEquals(trailers, b.trailers.size());
    }

    @Test
    void truncatedBodyIsEndOfStreamNotABadRequest() throws Exception {
        WireInput in = wire("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
        RequestHead h = RequestReader.readHead(in);
        assertThrows(EOFException.class, () -> RequestReader.readBody(in, h, 100));
        assertThrows(EOFException.class, () -> RequestReader.readHead(wire("GET / HTTP/1.1\r\nHost")));
    }

    @Test
    void limitsAreEnforced() {
        String longTarget = "/" + "a".repeat(RequestReader.MAX_REQUEST_LINE);
        assertThrows(BadRequestException.class,
                () -> RequestReader.readHead(wire("GET " + longTarget + " HTTP/1.1\r\nHost: a\r\n\r\n")));
        StringBuilder big = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        while (big.length() < RequestReader.MAX_HEADER_BLOCK) {
            big.append("X-Fill: ").append("b".repeat(1000)).append("\r\n");
        }
        assertThrows(BadRequestException.class, () -> RequestReader.readHead(wire(big + "\r\n")));
    }

    @Test
    void valuesKeepObsTextAndLoseSurroundingBlanks() throws IOException, BadRequestException {
        RequestHead h = RequestReader.readHead(wire("GET / HTTP/1.1\r\nHost: a\r\nX-Name: \t caf\u00e9 \t\r\n\r\n"));
        assertEquals("caf\u00e9", h.headers.get("x-name"));
    }
}
