package dev.spool.internal.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ProxyException;
import dev.spool.internal.IoFailure;
import dev.spool.proxy.ProxyUrl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SOCKS5 client handshake as exact bytes (RFC 1928, RFC 1929), without sockets. */
class Socks5Test {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A successful CONNECT reply binding 127.0.0.1:0. */
    private static final byte[] OK_REPLY = bytes(5, 0, 0, 1, 127, 0, 0, 1, 0, 0);

    @Test
    void noAuthenticationByName() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayInputStream answers = new ByteArrayInputStream(concat(bytes(5, 0), OK_REPLY));
        Socks5.connect(answers, sent, ProxyUrl.parse("socks5h://p"), "a.test", 443, null);
        assertArrayEquals(concat(
                bytes(5, 1, 0),                                     // greeting: version 5, one method: none
                bytes(5, 1, 0, 3, 6), "a.test".getBytes(), bytes(1, 187)), // CONNECT a.test:443 by name
                sent.toByteArray());
        assertEquals(0, answers.available(), "the whole reply was read and nothing more");
    }

    @Test
    void userAndPasswordThenAnIpv4Address() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayInputStream answers = new ByteArrayInputStream(concat(bytes(5, 2), bytes(1, 0), OK_REPLY));
        Socks5.connect(answers, sent, ProxyUrl.parse("socks5://al:pw@p"), "a.test", 8080,
                InetAddress.getByAddress(new byte[] {10, 0, 0, 7}));
        assertArrayEquals(concat(
                bytes(5, 2, 0, 2),                                  // offers none and user/password
                bytes(1, 2), "al".getBytes(), bytes(2), "pw".getBytes(), // RFC 1929 request
                bytes(5, 1, 0, 1, 10, 0, 0, 7, 0x1f, 0x90)),        // CONNECT 10.0.0.7:8080
                sent.toByteArray());
    }

    @Test
    void anIpv6AddressAndABoundNameInTheReply() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        byte[] reply = concat(bytes(5, 0, 0, 3, 4), "host".getBytes(), bytes(0, 80));
        ByteArrayInputStream answers = new ByteArrayInputStream(concat(bytes(5, 0), reply));
        Socks5.connect(answers, sent, ProxyUrl.parse("socks5://p"), "::1", 80, InetAddress.getByName("::1"));
        byte[] out = sent.toByteArray();
        assertEquals(3 + 4 + 16 + 2, out.length);
        assertEquals(4, out[6], "address type IPv6");
        assertEquals(0, answers.available());
    }

    @ParameterizedTest(name = "[{index}] reply {0}")
    @CsvSource({
        "1, general SOCKS server failure",
        "2, connection not allowed by ruleset",
        "4, host unreachable",
        "5, connection refused",
        "8, address type not supported",
    })
    void aRefusalNamesTheReplyAndTheDestination(int code, String text) {
        ByteArrayInputStream answers = new ByteArrayInputStream(concat(bytes(5, 0), bytes(5, code, 0, 1, 0, 0, 0, 0, 0, 0)));
        IoFailure f = assertThrows(IoFailure.class, () -> Socks5.connect(answers, new ByteArrayOutputStream(),
                ProxyUrl.parse("socks5h://u:secret@127.0.0.1:1080"), "a.test", 443, null));
        ProxyException e = (ProxyException) f.spoolException();
        assertEquals(code, e.status());
        assertEquals("socks5h://127.0.0.1:1080", e.proxy());
        assertEquals("a.test:443", e.destination());
        assertTrue(e.getMessage().contains(text) && e.getMessage().contains("a.test:443"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void wrongCredentialsAndNoAcceptableMethodAreClearErrors() {
        IoFailure badPassword = assertThrows(IoFailure.class, () -> Socks5.connect(
                new ByteArrayInputStream(bytes(5, 2, 1, 1)), new ByteArrayOutputStream(),
                ProxyUrl.parse("socks5h://u:p@p"), "a.test", 443, null));
        assertTrue(badPassword.getMessage().contains("rejected the user name and password"), badPassword.getMessage());
        IoFailure noMethod = assertThrows(IoFailure.class, () -> Socks5.connect(
                new ByteArrayInputStream(bytes(5, 0xff)), new ByteArrayOutputStream(),
                ProxyUrl.parse("socks5h://p"), "a.test", 443, null));
        assertTrue(noMethod.getMessage().contains("give credentials in the proxy URL"), noMethod.getMessage());
        IoFailure notSocks = assertThrows(IoFailure.class, () -> Socks5.connect(
                new ByteArrayInputStream("HTTP/1.1 400".getBytes()), new ByteArrayOutputStream(),
                ProxyUrl.parse("socks5h://p"), "a.test", 443, null));
        assertTrue(notSocks.getMessage().contains("is not a SOCKS5 proxy"), notSocks.getMessage());
        IoFailure cut = assertThrows(IoFailure.class, () -> Socks5.connect(
                new ByteArrayInputStream(bytes(5)), new ByteArrayOutputStream(),
                ProxyUrl.parse("socks5h://p"), "a.test", 443, null));
        assertTrue(cut.getMessage().contains("closed the connection during the handshake"), cut.getMessage());
    }
}
