package dev.spool.internal.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the HPACK decoder with Jazzer, set up as {@code CodecFuzzTest}: in a
 * normal build a regression test over the committed inputs in {@code HpackFuzzTestInputs/decoder/};
 * with {@code JAZZER_FUZZ=1} ({@code .ci/run}) Jazzer mutates inputs and saves any failing one there.
 *
 * <p>Input layout: byte 0 picks the limits (bits 0-1 the header list size, 2-3 the string length,
 * 4-5 SETTINGS_HEADER_TABLE_SIZE, bit 6 halves that setting between the two blocks); byte 1 says
 * where the rest splits into two header blocks decoded in turn on one decoder.
 */
class HpackFuzzTest {
    static final int[] LIST_SIZES = {64, 512, 4096, 65536};
    static final int[] STRING_LENGTHS = {16, 256, 4096, 65536};
    static final int[] TABLE_SETTINGS = {0, 256, 4096, 16384};

    /**
     * Any bytes: each block either decodes within the limits or throws {@link HpackException}, never
     * anything else; the table never exceeds its maximum, nor (after a block) the setting; a block that decodes
     * re-encodes with our encoder and decodes back to the same fields.
     */
    @FuzzTest(maxDuration = "60s")
    void decoder(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int options = data[0] & 0xff;
        int listSize = LIST_SIZES[options & 3];
        int stringLength = STRING_LENGTHS[(options >>> 2) & 3];
        int setting = TABLE_SETTINGS[(options >>> 4) & 3];
        HpackDecoder decoder = new HpackDecoder(listSize, stringLength);
        decoder.setMaxTableSizeSetting(setting);
        int rest = data.length - 2;
        int split = 2 + (data[1] & 0xff) * rest / 255;
        if (!decodeChecked(decoder, data, 2, split - 2, listSize, stringLength)) {
            return;
        }
        if ((options & 0x40) != 0) {
            decoder.setMaxTableSizeSetting(setting / 2);
        }
        decodeChecked(decoder, data, split, data.length - split, listSize, stringLength);
    }

    /** Decodes one block with the checks; false when the decoder may not be used again. */
    static boolean decodeChecked(HpackDecoder decoder, byte[] data, int off, int len, int listSize, int stringLength) {
        List<HeaderField> fields = new ArrayList<>();
        long[] total = {0};
        boolean usable = true;
        try {
            decoder.decode(data, off, len, (name, value, representation) -> {
                // The limit bounds decoded strings; a static table name may be longer (Jazzer's first finding).
                assertTrue(name.length() <= stringLength || StaticTable.nameIndex(name) != 0, "name over the limit");
                assertTrue(value.length() <= stringLength, "value over the limit");
                total[0] += DynamicTable.sizeOf(name, value);
                assertTrue(total[0] <= listSize, "header list over the limit reached the sink");
                fields.add(new HeaderField(name, value));
            });
            HpackEncoder encoder = new HpackEncoder();
            int n = encoder.encode(fields);
            assertEquals(fields, new HpackDecoder(1 << 20, 1 << 20).decode(encoder.buffer(), 0, n), "re-encoded fields differ");
        } catch (HpackException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= len, "offset outside the block: " + e.getMessage());
            usable = !e.isConnectionError();
        }
        DynamicTable table = decoder.table();
        assertTrue(table.size() <= table.maxSize(), "table over its maximum");
        // The table starts at 4096; a setting below that requires an update in the first block.
        assertTrue(!usable || table.maxSize() <= decoder.maxTableSizeSetting(), "table maximum over the setting");
        long sum = 0;
        for (int i = 1; i <= table.length(); i++) {
            sum += DynamicTable.sizeOf(table.name(i), table.value(i));
        }
        assertEquals(sum, table.size(), "table size differs from its entries");
        return usable;
    }
}
