package dev.spool.internal.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every way a header block can be wrong, and every decoder limit: each fails with an
 * {@link HpackException} naming the problem and the byte where its representation starts.
 */
class HpackDecoderLimitsTest {
    static HpackException fails(HpackDecoder decoder, String hex) {
        byte[] block = Hex.bytes(hex);
        return assertThrows(HpackException.class, () -> decoder.decode(block, 0, block.length));
    }

    static void failsWith(String hex, String message) {
        HpackException e = fails(new HpackDecoder(), hex);
        assertEquals(message, e.getMessage());
        assertTrue(e.isConnectionError());
        assertEquals(HpackException.COMPRESSION_ERROR, e.http2ErrorCode());
    }

    static List<HeaderField> decode(HpackDecoder decoder, String hex) throws HpackException {
        byte[] block = Hex.bytes(hex);
        return decoder.decode(block, 0, block.length);
    }

    // RFC 7541 C.1 and the integer edges, read through representations that use 5- and 7-bit prefixes.

    @Test
    void integersOfAppendixC1() throws HpackException {
        HpackDecoder decoder = new HpackDecoder();
        decode(decoder, "2a"); // C.1.1: 10 in a 5-bit prefix, as a size update
        assertEquals(10, decoder.table().maxSize());
        decode(decoder, "3f9a0a"); // C.1.2: 1337 in a 5-bit prefix
        assertEquals(1337, decoder.table().maxSize());
        decode(decoder, "3fe11f"); // 4096: two continuation bytes
        assertEquals(4096, decoder.table().maxSize());
        decode(decoder, "3f808000"); // 31 with redundant zero continuation bytes is still 31
        assertEquals(31, decoder.table().maxSize());
    }

    @Test
    void theLargestIntegerIsReadAndTheNextOverflows() {
        failsWith("ff80ffffff07", "index 2147483647 is beyond the table (61 static + 0 dynamic entries) (at byte 0 of the header block)");
        failsWith("ff81ffffff07", "integer exceeds 2^31 - 1 (at byte 0 of the header block)");
        failsWith("ffffffffffff0f", "integer exceeds 2^31 - 1 (at byte 0 of the header block)");
        failsWith("ff808080808000", "integer has more than 5 continuation bytes (limit 2^31 - 1) (at byte 0 of the header block)");
    }

    @Test
    void encoderWritesTheIntegersOfAppendixC1() {
        HpackEncoder encoder = new HpackEncoder();
        encoder.setPeerMaxTableSize(10);
        encoder.startBlock();
        assertEquals("2a", Hex.of(encoder.buffer(), 0, encoder.length()));
        encoder.setPeerMaxTableSize(1337);
        encoder.startBlock();
        assertEquals("3f9a0a", Hex.of(encoder.buffer(), 0, encoder.length()));
    }

    @Test
    void truncatedIntegerAndStrings() {
        failsWith("ff", "integer is truncated: the block ends inside it (at byte 0 of the header block)");
        failsWith("82ff80", "integer is truncated: the block ends inside it (at byte 1 of the header block)");
        failsWith("400561", "name string of 5 bytes is truncated: the block has 1 left (at byte 0 of the header block)");
        failsWith("40", "the block ends before the name string (at byte 0 of the header block)");
        failsWith("400161", "the block ends before the value string (at byte 0 of the header block)");
        failsWith("41", "the block ends before the value string (at byte 0 of the header block)");
        failsWith("41ff", "integer is truncated: the block ends inside it (at byte 0 of the header block)");
    }

    @Test
    void badIndexes() {
        failsWith("80", "index 0 is not a table entry (at byte 0 of the header block)");
        failsWith("be", "index 62 is beyond the table (61 static + 0 dynamic entries) (at byte 0 of the header block)");
        failsWith("7e0161", "index 62 is beyond the table (61 static + 0 dynamic entries) (at byte 0 of the header block)");
        failsWith("0f300161", "index 63 is beyond the table (61 static + 0 dynamic entries) (at byte 0 of the header block)");
        // With one dynamic entry, 62 is fine and 63 is not.
        failsWith("4001610162 be bf", "index 63 is beyond the table (61 static + 1 dynamic entries) (at byte 6 of the header block)");
    }

    @Test
    void sizeUpdates() throws HpackException {
        failsWith("3fe21f", "dynamic table size update to 4097 exceeds SETTINGS_HEADER_TABLE_SIZE 4096 (at byte 0 of the header block)");
        failsWith("8220", "dynamic table size update after the first field; it may only start a block (at byte 1 of the header block)");
        HpackDecoder decoder = new HpackDecoder();
        assertEquals(List.of(new HeaderField(":method", "GET")), decode(decoder, "20 3fe11f 82"), "two updates may start a block");
        decoder.setMaxTableSizeSetting(100);
        assertEquals("the first block after SETTINGS_HEADER_TABLE_SIZE fell to 100 must start with a dynamic table size"
                + " update to at most that (at byte 0 of the header block)", fails(decoder, "82").getMessage());
        assertEquals("dynamic table size update to 101 exceeds SETTINGS_HEADER_TABLE_SIZE 100 (at byte 0 of the header"
                + " block)", fails(decoder, "3f4682").getMessage());
        decode(decoder, "3f45 82"); // 100
        assertEquals(100, decoder.table().maxSize());
        decode(decoder, "82"); // no update needed any more
        decoder.setMaxTableSizeSetting(8192); // raising needs no update; up to 8192 is allowed now
        decode(decoder, "82");
        decode(decoder, "3fe13f");
        assertEquals(8192, decoder.table().maxSize());
    }

    @Test
    void anUpdateOnlyBlockAfterASettingsDecreaseIsChecked() {
        HpackDecoder decoder = new HpackDecoder();
        decoder.setMaxTableSizeSetting(0);
        assertEquals("the first block after SETTINGS_HEADER_TABLE_SIZE fell to 0 must start with a dynamic table size"
                + " update to at most that (at byte 0 of the header block)", fails(decoder, "").getMessage());
    }

    @Test
    void badHuffman() {
        failsWith("4082ffff0161", "name: Huffman-encoded string has more than 7 bits of padding (at byte 0 of the header block)");
        failsWith("40811e0161", "name: Huffman-encoded string ends in padding that is not all ones (at byte 0 of the header block)");
        failsWith("400161 84ffffffff", "value: Huffman-encoded string contains the EOS symbol (at byte 0 of the header block)");
    }

    @Test
    void stringLengthLimit() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(1000, 4);
        assertEquals("value string of 5 bytes exceeds the limit of 4 (at byte 1 of the header block)",
                fails(decoder, "82 400161 056162636465").getMessage());
        // "abcdef" Huffman-coded is 4 bytes on the wire and 6 decoded.
        assertEquals("name: Huffman-encoded string decodes to more than 4 bytes (the string length limit) (at byte 0 of"
                + " the header block)", fails(new HpackDecoder(1000, 4), "0084" + Hex.of(HuffmanTest.encode("abcdef"), 0, 4)
                + "0161").getMessage());
        assertEquals(List.of(new HeaderField("abcd", "a")), decode(new HpackDecoder(1000, 4), "0083"
                + Hex.of(HuffmanTest.encode("abcd"), 0, 3) + "0161"));
    }

    @Test
    void headerListLimitIsAStreamErrorAndKeepsTheTableInStep() throws HpackException {
        // Each field counts 34 (1 + 1 + 32); a limit of 100 takes two, the third (at byte 6) is over.
        HpackDecoder decoder = new HpackDecoder(100, 100);
        List<String> delivered = new ArrayList<>();
        byte[] block = Hex.bytes("400161 0162 be be 400163 0164");
        HpackException e = assertThrows(HpackException.class,
                () -> decoder.decode(block, 0, block.length, (n, v, r) -> delivered.add(n + "=" + v)));
        assertEquals("header list of 136 bytes (name + value + 32 per field) exceeds the limit of 100"
                + " (SETTINGS_MAX_HEADER_LIST_SIZE) (at byte 6 of the header block)", e.getMessage());
        assertFalse(e.isConnectionError());
        assertEquals(0, e.http2ErrorCode());
        assertEquals(List.of("a=b", "a=b"), delivered, "nothing past the limit reaches the sink");
        // The last field was still added to the table: the next block can refer to it.
        assertEquals(List.of(new HeaderField("c", "d"), new HeaderField("a", "b")), decode(decoder, "be bf"));
    }

    @Test
    void anHpackBombFailsWithoutGrowingTheList() {
        // One 4000-byte value put in the table, then referenced 10,000 times: 40 MB from 10 kB.
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes(Hex.bytes("4001 78 7f a11e")); // name "x", value length 127 + 0x21 + (0x1e << 7) = 4000
        block.writeBytes("v".repeat(4000).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < 10_000; i++) {
            block.write(0xbe);
        }
        byte[] bytes = block.toByteArray();
        HpackDecoder decoder = new HpackDecoder();
        long[] delivered = {0, 0};
        HpackException e = assertThrows(HpackException.class, () -> decoder.decode(bytes, 0, bytes.length,
                (n, v, r) -> {
                    delivered[0]++;
                    delivered[1] += n.length() + v.length() + 32;
                }));
        assertTrue(e.getMessage().startsWith("header list of 40334033 bytes (name + value + 32 per field) exceeds the"
                + " limit of 65536"), e.getMessage());
        assertEquals(16, delivered[0]);
        assertTrue(delivered[1] <= HpackDecoder.DEFAULT_MAX_HEADER_LIST_SIZE);
    }

    @Test
    void aFieldLargerThanTheTableEmptiesIt() throws HpackException {
        HpackDecoder decoder = new HpackDecoder();
        decode(decoder, "3f11 400161 0162"); // table 48: "a: b" (34) fits
        assertEquals(1, decoder.table().length());
        decode(decoder, "400161 0f" + "62".repeat(15)); // 1 + 15 + 32 = 48 fits exactly, evicting the first
        assertEquals(1, decoder.table().length());
        assertEquals(48, decoder.table().size());
        decode(decoder, "400161 10" + "62".repeat(16)); // 49: too large, empties the table
        assertEquals(0, decoder.table().length());
        assertEquals(0, decoder.table().size());
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new HpackDecoder(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new HpackDecoder().setMaxTableSizeSetting(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> new HpackDecoder().decode(new byte[4], 2, 3));
    }
}
