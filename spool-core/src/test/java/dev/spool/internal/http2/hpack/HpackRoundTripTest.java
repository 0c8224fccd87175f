package dev.spool.internal.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.internal.http2.hpack.FieldSink.Representation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Encoder to decoder with random fields (seeded): every block decodes to what was encoded, the two
 * dynamic tables stay identical, and table size changes from either side keep them in step.
 */
class HpackRoundTripTest {
    static final String[] NAMES = {
        ":method", ":path", ":authority", ":scheme", ":status", "accept", "accept-encoding", "user-agent",
        "cookie", "authorization", "proxy-authorization", "content-type", "x-request-id", "x-custom", "etag", "date",
    };
    static final String[] VALUES = {"GET", "/", "gzip, deflate", "200", "", "text/html", "example.com"};

    static String randomValue(Random random) {
        if (random.nextInt(3) == 0) {
            return VALUES[random.nextInt(VALUES.length)];
        }
        char[] chars = new char[random.nextInt(random.nextInt(8) == 0 ? 400 : 30)];
        boolean binary = random.nextInt(10) == 0;
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (binary ? random.nextInt(256) : 32 + random.nextInt(95));
        }
        return new String(chars);
    }

    static List<HeaderField> randomFields(Random random) {
        List<HeaderField> fields = new ArrayList<>();
        for (int i = random.nextInt(20); i >= 0; i--) {
            String name = random.nextInt(8) == 0 ? "x-" + random.nextInt(50) : NAMES[random.nextInt(NAMES.length)];
            fields.add(new HeaderField(name, randomValue(random)));
        }
        return fields;
    }

    static void assertSameTables(HpackEncoder encoder, HpackDecoder decoder) {
        assertEquals(HpackRfcExamplesTest.tableOf(encoder.table()), HpackRfcExamplesTest.tableOf(decoder.table()));
        assertEquals(encoder.table().maxSize(), decoder.table().maxSize());
        assertEquals(encoder.table().size(), decoder.table().size());
    }

    @Test
    void randomBlocksRoundTripAndTablesStayInStep() throws HpackException {
        for (long seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            HpackEncoder encoder = random.nextBoolean() ? new HpackEncoder() : new HpackEncoder(random.nextInt(5000), true);
            HpackDecoder decoder = new HpackDecoder(1 << 20, 1 << 20);
            for (int block = 0; block < 60; block++) {
                if (random.nextInt(10) == 0) {
                    // New SETTINGS_HEADER_TABLE_SIZE, sometimes twice between blocks (shrink then grow).
                    for (int k = random.nextInt(2); k >= 0; k--) {
                        int setting = random.nextInt(4) == 0 ? 0 : random.nextInt(8192);
                        encoder.setPeerMaxTableSize(setting);
                        decoder.setMaxTableSizeSetting(setting);
                    }
                }
                List<HeaderField> fields = randomFields(random);
                int len = encoder.encode(fields);
                List<Representation> reps = new ArrayList<>();
                List<HeaderField> decoded = new ArrayList<>();
                decoder.decode(encoder.buffer(), 0, len, (n, v, r) -> {
                    decoded.add(new HeaderField(n, v));
                    reps.add(r);
                });
                assertEquals(fields, decoded, "seed " + seed + " block " + block);
                for (int i = 0; i < fields.size(); i++) {
                    HeaderField f = fields.get(i);
                    assertEquals(HpackEncoder.isSensitive(f.name(), f.value()), reps.get(i) == Representation.NEVER_INDEXED,
                            "representation of " + f);
                }
                assertSameTables(encoder, decoder);
                assertTrue(encoder.table().size() <= encoder.table().maxSize());
            }
        }
    }

    @Test
    void anEncoderLimitBelowTheDefaultIsAnnouncedInTheFirstBlock() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(100, true);
        int len = encoder.encode(List.of(new HeaderField(":method", "GET")));
        assertEquals("3f4582", Hex.of(encoder.buffer(), 0, len));
        HpackDecoder decoder = new HpackDecoder();
        decoder.decode(encoder.buffer(), 0, len);
        assertEquals(100, decoder.table().maxSize());
    }

    @Test
    void aShrinkThenGrowBetweenBlocksSendsTheSmallestFirst() throws HpackException {
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder decoder = new HpackDecoder();
        encoder.encode(List.of(new HeaderField("x-a", "1")));
        decoder.decode(encoder.buffer(), 0, encoder.length());
        encoder.setPeerMaxTableSize(0);
        encoder.setPeerMaxTableSize(4096);
        decoder.setMaxTableSizeSetting(0);
        decoder.setMaxTableSizeSetting(4096);
        int len = encoder.encode(List.of(new HeaderField(":method", "GET")));
        assertEquals("20 3fe11f 82".replace(" ", ""), Hex.of(encoder.buffer(), 0, len));
        decoder.decode(encoder.buffer(), 0, len);
        assertEquals(0, decoder.table().length(), "the entry was evicted on both sides");
        assertSameTables(encoder, decoder);
    }

    @Test
    void theDefaultEncoderKeepsItsTableAt4096EvenWhenThePeerAllowsMore() throws HpackException {
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder decoder = new HpackDecoder();
        encoder.setPeerMaxTableSize(65536);
        decoder.setMaxTableSizeSetting(65536);
        int len = encoder.encode(List.of(new HeaderField("x-a", "1")));
        assertEquals("40", Hex.of(encoder.buffer(), 0, 1), "no size update: the table stays at 4096");
        decoder.decode(encoder.buffer(), 0, len);
        assertEquals(4096, encoder.table().maxSize());
        assertSameTables(encoder, decoder);
        HpackEncoder larger = new HpackEncoder(65536, true);
        larger.setPeerMaxTableSize(65536);
        larger.encode(List.of(new HeaderField("x-a", "1")));
        assertEquals("3f e1 ff 03 40".replace(" ", ""), Hex.of(larger.buffer(), 0, 5), "update to 65536");
        assertEquals(65536, larger.table().maxSize());
    }

    @Test
    void theOutputBufferIsReused() {
        HpackEncoder encoder = new HpackEncoder();
        List<HeaderField> fields = List.of(new HeaderField(":path", "/" + "p".repeat(300)), new HeaderField("x", "y"));
        encoder.encode(fields);
        byte[] buffer = encoder.buffer();
        for (int i = 0; i < 10; i++) {
            encoder.encode(fields);
            assertSame(buffer, encoder.buffer());
        }
    }

    @Test
    void aLargeFieldIsNotIndexed() throws HpackException {
        HpackEncoder encoder = new HpackEncoder();
        String big = "v".repeat(4000);
        int len = encoder.encode(List.of(new HeaderField("x-big", big)));
        assertEquals(0, encoder.table().length());
        List<Representation> reps = new ArrayList<>();
        new HpackDecoder().decode(encoder.buffer(), 0, len, (n, v, r) -> reps.add(r));
        assertEquals(List.of(Representation.WITHOUT_INDEXING), reps);
    }

    @Test
    void charsAboveOneOctetAreRefused() {
        HpackEncoder encoder = new HpackEncoder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(List.of(new HeaderField("x-name", "caf\u00e9 \u20ac"))));
        assertEquals("header field value has a character above U+00FF at index 5; HPACK strings are octets", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HpackEncoder(-1, true));
        assertThrows(IllegalArgumentException.class, () -> encoder.setPeerMaxTableSize(-1));
    }
}
