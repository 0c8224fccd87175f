package dev.spool.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PEM blocks (RFC 7468) out of text with comments, several blocks, and broken ones. */
class PemTest {
    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void blocksInOrderWithTextAroundThemIgnored() {
        List<Pem.Block> blocks = Pem.parse(text("Bag Attributes\n    friendlyName: x\n"
                + "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n"
                + "subject=CN=ignored\n"
                + "-----BEGIN PRIVATE KEY-----\r\nBAUG\r\nBwg=\r\n-----END PRIVATE KEY-----\r\n"));
        assertEquals(2, blocks.size());
        assertEquals("CERTIFICATE", blocks.get(0).label);
        assertArrayEquals(new byte[] {1, 2, 3}, blocks.get(0).der);
        assertEquals("PRIVATE KEY", blocks.get(1).label);
        assertArrayEquals(new byte[] {4, 5, 6, 7, 8}, blocks.get(1).der, "base64 across lines and CRLF");
        assertEquals(0, Pem.parse(text("no PEM here")).size());
    }

    @Test
    void brokenBlocksSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Pem.parse(text("-----BEGIN CERTIFICATE-----\nAQID\n"))).getMessage().contains("no END line"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Pem.parse(text("-----BEGIN CERTIFICATE-----\nA===\n-----END CERTIFICATE-----"))).getMessage().contains("bad base64"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Pem.parse(text("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAQID\n"
                        + "-----END RSA PRIVATE KEY-----"))).getMessage().contains("encrypted"));
    }
}
