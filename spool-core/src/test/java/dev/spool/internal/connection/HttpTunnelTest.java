package dev.spool.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ProxyException;
import dev.spool.internal.IoFailure;
import dev.spool.proxy.ProxyUrl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CONNECT exchange as exact bytes, without sockets. */
class HttpTunnelTest {
    @Test
    void sendsConnectWithCredentialsAndReadsNotOneByteOfTheTunnel() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        byte[] answer = "HTTP/1.1 200 Connection established\r\nVia: test\r\n\r\nTLS-BYTES".getBytes(StandardCharsets.US_ASCII);
        ByteArrayInputStream in = new ByteArrayInputStream(answer);
        HttpTunnel.open(in, sent, ProxyUrl.parse("http://Aladdin:open%20sesame@p:3128"), "a.test:443");
        assertEquals("CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n"
                + "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n", sent.toString(StandardCharsets.US_ASCII));
        assertEquals("TLS-BYTES", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void noCredentialsNoHeader() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        HttpTunnel.open(new ByteArrayInputStream("HTTP/1.0 200 OK\n\n".getBytes(StandardCharsets.US_ASCII)), sent,
                ProxyUrl.parse("http://p:3128"), "[::1]:8443");
        assertEquals("CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n", sent.toString(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 407 Proxy Authentication Required | http://p:3128      | 407 | wants credentials",
        "HTTP/1.1 407 Proxy Authentication Required | http://u:bad@p:3128 | 407 | refused the credentials",
        "HTTP/1.1 502 Bad Gateway                   | http://p:3128      | 502 | 502 Bad Gateway",
        "HTTP/1.1 403 Forbidden                     | http://p:3128      | 403 | 403 Forbidden",
        "SSH-2.0-OpenSSH                            | http://p:3128      | -1  | malformed status line",
    })
    void aRefusalNamesProxyDestinationAndStatus(String statusLine, String proxy, int status, String text) {
        ByteArrayInputStream in = new ByteArrayInputStream((statusLine + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        IoFailure f = assertThrows(IoFailure.class, () -> HttpTunnel.open(in, new ByteArrayOutputStream(), ProxyUrl.parse(proxy), "a.test:443"));
        ProxyException e = (ProxyException) f.spoolException();
        assertEquals(status, e.status());
        assertEquals("http://p:3128", e.proxy());
        assertEquals("a.test:443", e.destination());
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertTrue(e.getMessage().contains("http://p:3128") && e.getMessage().contains("a.test:443"), e.getMessage());
        assertFalse(e.getMessage().contains("bad@"), e.getMessage());
    }

    @Test
    void aProxyThatHangsUpIsAProxyError() {
        IoFailure f = assertThrows(IoFailure.class, () -> HttpTunnel.open(new ByteArrayInputStream("HTTP/1.1 2".getBytes(StandardCharsets.US_ASCII)),
                new ByteArrayOutputStream(), ProxyUrl.parse("http://p:3128"), "a.test:443"));
        assertTrue(f.getMessage().contains("closed the connection before answering CONNECT a.test:443"), f.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 200 OK | 200",
        "HTTP/1.1 200    | 200",
        "HTTP/1.0 407 x  | 407",
        "HTTP/2 200      | -1",
        "HTTP/1.1 20     | -1",
        "HTTP/1.1 2000   | -1",
        "HTTP/1.1 abc    | -1",
    })
    void statusLines(String line, int status) {
        assertEquals(status, HttpTunnel.parseStatus(line.strip()));
    }
}
