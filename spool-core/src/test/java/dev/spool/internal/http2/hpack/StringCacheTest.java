package dev.spool.internal.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder's cache of strings by their encoded octets: a repeated literal comes back as the same
 * string, and nothing else changes what a block decodes to (the Huffman flag, slot collisions, the
 * length limit).
 */
class StringCacheTest {
    /** A block of one literal field without indexing, with a new name (RFC 7541 section 6.2.2). */
    private static byte[] literal(String name, byte[] valueOctets, boolean huffman) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x00);
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        b.write(n.length); // names here are short and raw
        b.writeBytes(n);
        if (valueOctets.length >= 127) {
            b.write((huffman ? 0x80 : 0) | 127);
            b.write(valueOctets.length - 127); // < 128 in these tests: one continuation byte
        } else {
            b.write((huffman ? 0x80 : 0) | valueOctets.length);
        }
        b.writeBytes(valueOctets);
        return b.toByteArray();
    }

    private static byte[] raw(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] huffman(String s) {
        byte[] out = new byte[s.length() * 4 + 8];
        int n = Huffman.encode(s, out, 0);
        return java.util.Arrays.copyOf(out, n);
    }

    private static HeaderField decodeOne(HpackDecoder d, byte[] block) throws HpackException {
        List<HeaderField> fields = d.decode(block, 0, block.length);
        assertEquals(1, fields.size());
        return fields.get(0);
    }

    @Test
    void aRepeatedLiteralIsTheSameString() throws HpackException {
        HpackDecoder d = new HpackDecoder();
        byte[] block = literal("server", huffman("nginx/1.22.1"), true);
        HeaderField first = decodeOne(d, block);
        HeaderField second = decodeOne(d, block);
        assertEquals(new HeaderField("server", "nginx/1.22.1"), first);
        assertSame(first.value(), second.value());
        assertSame(first.name(), second.name());
    }

    @Test
    void theSameOctetsHuffmanCodedOrNotAreDifferentStrings() throws HpackException {
        HpackDecoder d = new HpackDecoder();
        byte[] octets = huffman("www.example.com");
        String asRaw = new String(octets, StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 2; round++) {
            assertEquals("www.example.com", decodeOne(d, literal("host", octets, true)).value());
            assertEquals(asRaw, decodeOne(d, literal("host", octets, false)).value());
        }
    }

    /** Strings whose raw octets fall in the same set as {@code "v0"}'s, {@code n} of them with it. */
    private static String[] sharingASet(int n) {
        String[] out = new String[n];
        out[0] = "v0";
        int set = StringCache.set(raw(out[0]), 0, 2, false);
        int found = 1;
        for (int i = 1; found < n; i++) {
            String c = "v" + i;
            if (StringCache.set(raw(c), 0, c.length(), false) == set) {
                out[found++] = c;
            }
        }
        return out;
    }

    @Test
    void twoStringsSharingASetBothStay() throws HpackException {
        String[] ab = sharingASet(2);
        HpackDecoder d = new HpackDecoder();
        String a = decodeOne(d, literal("x", raw(ab[0]), false)).value();
        String b = decodeOne(d, literal("x", raw(ab[1]), false)).value();
        for (int round = 0; round < 3; round++) {
            assertSame(a, decodeOne(d, literal("x", raw(ab[0]), false)).value());
            assertSame(b, decodeOne(d, literal("x", raw(ab[1]), false)).value());
        }
        assertEquals(ab[0], a);
        assertEquals(ab[1], b);
    }

    @Test
    void threeStringsSharingASetEachDecodeToThemselves() throws HpackException {
        String[] abc = sharingASet(3);
        HpackDecoder d = new HpackDecoder();
        for (int round = 0; round < 3; round++) {
            for (String s : abc) {
                assertEquals(s, decodeOne(d, literal("x", raw(s), false)).value());
            }
        }
    }

    @Test
    void aStringOverTheLengthLimitIsDecodedEveryTime() throws HpackException {
        String atLimit = "a".repeat(StringCache.MAX_ENCODED_LENGTH);
        String overLimit = "a".repeat(StringCache.MAX_ENCODED_LENGTH + 1);
        HpackDecoder d = new HpackDecoder();
        byte[] at = literal("x", raw(atLimit), false);
        assertSame(decodeOne(d, at).value(), decodeOne(d, at).value());
        byte[] over = literal("x", raw(overLimit), false);
        HeaderField first = decodeOne(d, over);
        HeaderField second = decodeOne(d, over);
        assertEquals(overLimit, first.value());
        assertEquals(overLimit, second.value());
        assertNotSame(first.value(), second.value());
    }
}
