package dev.spool.internal.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Huffman code table against RFC 7541 Appendix B, round trips, and the padding rules. */
class HuffmanTest {
    static byte[] encode(String s) {
        byte[] out = new byte[Huffman.encodedLength(s)];
        assertEquals(out.length, Huffman.encode(s, out, 0));
        return out;
    }

    static String decode(byte[] in) {
        byte[] out = new byte[in.length * 8 / 5 + 1];
        int n = Huffman.decode(in, 0, in.length, out, out.length);
        assertTrue(n >= 0, () -> Huffman.problem(n, out.length));
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theTableIsACompleteCanonicalPrefixCode() {
        assertEquals(257, Huffman.CODES.length);
        assertEquals(257, Huffman.LENGTHS.length);
        // Kraft: the lengths fill the code space exactly (the class's tree build rejects any overlap).
        BigInteger sum = BigInteger.ZERO;
        for (int sym = 0; sym <= Huffman.EOS; sym++) {
            assertTrue(Huffman.LENGTHS[sym] >= 5 && Huffman.LENGTHS[sym] <= 30, "length of " + sym);
            assertTrue(Huffman.CODES[sym] >>> Huffman.LENGTHS[sym] == 0, "code of " + sym + " longer than its length");
            sum = sum.add(BigInteger.ONE.shiftLeft(30 - Huffman.LENGTHS[sym]));
        }
        assertEquals(BigInteger.ONE.shiftLeft(30), sum);
        // Canonical, as Appendix B is: ordered by (length, symbol), each code one more than the last.
        long prev = -1;
        int prevLen = 0;
        for (int len = 5; len <= 30; len++) {
            for (int sym = 0; sym <= Huffman.EOS; sym++) {
                if (Huffman.LENGTHS[sym] == len) {
                    long expected = (prev + 1) << (len - prevLen);
                    assertEquals(expected, Huffman.CODES[sym], "code of " + sym);
                    prev = Huffman.CODES[sym];
                    prevLen = len;
                }
            }
        }
        assertEquals(0x3fffffff, Huffman.CODES[Huffman.EOS]);
    }

    @Test
    void theRfcExampleStrings() {
        String[][] examples = {
            {"www.example.com", "f1e3c2e5f23a6ba0ab90f4ff"},
            {"no-cache", "a8eb10649cbf"},
            {"custom-key", "25a849e95ba97d7f"},
            {"custom-value", "25a849e95bb8e8b4bf"},
            {"302", "6402"},
            {"private", "aec3771a4b"},
            {"Mon, 21 Oct 2013 20:13:21 GMT", "d07abe941054d444a8200595040b8166e082a62d1bff"},
            {"https://www.example.com", "9d29ad171863c78f0b97c8e9ae82ae43d3"},
        };
        for (String[] e : examples) {
            assertEquals(e[1], Hex.of(encode(e[0]), 0, Huffman.encodedLength(e[0])), e[0]);
            assertEquals(e[0], decode(Hex.bytes(e[1])));
        }
    }

    @Test
    void everyByteValueRoundTripsAloneAndTogether() {
        StringBuilder all = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            String one = String.valueOf((char) b);
            assertEquals(one, decode(encode(one)), "byte " + b);
            assertEquals(one + one + one, decode(encode(one + one + one)), "byte " + b + " thrice");
            all.append((char) b);
        }
        assertEquals(all.toString(), decode(encode(all.toString())));
        assertEquals(all.reverse().toString(), decode(encode(all.toString())));
    }

    @Test
    void randomStringsRoundTrip() {
        Random random = new Random(7541);
        for (int round = 0; round < 2000; round++) {
            char[] chars = new char[random.nextInt(60)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(256));
            }
            String s = new String(chars);
            assertEquals(s, decode(encode(s)));
        }
    }

    @Test
    void eosInsideAStringIsAnError() {
        // EOS (30 ones) and two bits of padding.
        byte[] in = Hex.bytes("ffffffff");
        assertEquals(Huffman.EOS_IN_STRING, Huffman.decode(in, 0, in.length, new byte[8], 8));
        // 'a' (00011) then EOS.
        byte[] after = Hex.bytes("1fffffffff");
        assertEquals(Huffman.EOS_IN_STRING, Huffman.decode(after, 0, after.length, new byte[8], 8));
    }

    @Test
    void paddingLongerThanSevenBitsIsAnError() {
        // 'a' (00011) then eleven one bits.
        byte[] in = Hex.bytes("1fff");
        assertEquals(Huffman.PADDING_TOO_LONG, Huffman.decode(in, 0, in.length, new byte[8], 8));
        // A whole byte of ones alone is 8 bits of padding.
        byte[] ones = Hex.bytes("ff");
        assertEquals(Huffman.PADDING_TOO_LONG, Huffman.decode(ones, 0, ones.length, new byte[8], 8));
    }

    @Test
    void paddingThatIsNotAllOnesIsAnError() {
        // '0' (00000) then 000: a prefix of another code, not of EOS.
        byte[] in = Hex.bytes("00");
        assertEquals(Huffman.PADDING_NOT_ONES, Huffman.decode(in, 0, in.length, new byte[8], 8));
        // 'a' (00011) then 110.
        byte[] mixed = Hex.bytes("1e");
        assertEquals(Huffman.PADDING_NOT_ONES, Huffman.decode(mixed, 0, mixed.length, new byte[8], 8));
    }

    @Test
    void upToSevenOneBitsArePadding() {
        // '0' (00000) + 111, and an empty string.
        assertEquals("0", decode(Hex.bytes("07")));
        assertEquals("", decode(new byte[0]));
    }

    @Test
    void decodingStopsAtItsMaximum() {
        byte[] in = encode("abcdef");
        byte[] out = new byte[5];
        assertEquals(Huffman.TOO_LONG, Huffman.decode(in, 0, in.length, out, 5));
        assertEquals(6, Huffman.decode(in, 0, in.length, new byte[6], 6));
        assertArrayEquals("abcdef".getBytes(StandardCharsets.US_ASCII), decode(in).getBytes(StandardCharsets.US_ASCII));
    }
}
