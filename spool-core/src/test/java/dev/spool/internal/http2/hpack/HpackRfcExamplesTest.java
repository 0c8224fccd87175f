package dev.spool.internal.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.internal.http2.hpack.FieldSink.Representation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 7541 Appendix C as byte tables: each block decodes to its header list and
 * leaves the dynamic table the RFC shows, and the encoder produces the same bytes.
 */
class HpackRfcExamplesTest {
    /** One block of an example: its bytes, its fields, and the dynamic table after it (newest first). */
    record Step(String hex, List<HeaderField> fields, List<HeaderField> table, int tableSize) {}

    static HeaderField f(String name, String value) {
        return new HeaderField(name, value);
    }

    static final HeaderField AUTHORITY = f(":authority", "www.example.com");
    static final HeaderField NO_CACHE = f("cache-control", "no-cache");
    static final HeaderField CUSTOM = f("custom-key", "custom-value");

    /** C.3 and C.4: three requests; the same fields and tables, plain or Huffman strings. */
    static List<Step> requests(String first, String second, String third) {
        return List.of(
                new Step(first, List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), AUTHORITY),
                        List.of(AUTHORITY), 57),
                new Step(second, List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), AUTHORITY,
                        NO_CACHE), List.of(NO_CACHE, AUTHORITY), 110),
                new Step(third, List.of(f(":method", "GET"), f(":scheme", "https"), f(":path", "/index.html"),
                        AUTHORITY, CUSTOM), List.of(CUSTOM, NO_CACHE, AUTHORITY), 164));
    }

    static final HeaderField STATUS_302 = f(":status", "302");
    static final HeaderField STATUS_307 = f(":status", "307");
    static final HeaderField PRIVATE = f("cache-control", "private");
    static final HeaderField DATE_21 = f("date", "Mon, 21 Oct 2013 20:13:21 GMT");
    static final HeaderField DATE_22 = f("date", "Mon, 21 Oct 2013 20:13:22 GMT");
    static final HeaderField LOCATION = f("location", "https://www.example.com");
    static final HeaderField GZIP = f("content-encoding", "gzip");
    static final HeaderField COOKIE = f("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");

    /** C.5 and C.6: three responses with a 256-byte table, so entries are evicted. */
    static List<Step> responses(String first, String second, String third) {
        return List.of(
                new Step(first, List.of(STATUS_302, PRIVATE, DATE_21, LOCATION),
                        List.of(LOCATION, DATE_21, PRIVATE, STATUS_302), 222),
                new Step(second, List.of(STATUS_307, PRIVATE, DATE_21, LOCATION),
                        List.of(STATUS_307, LOCATION, DATE_21, PRIVATE), 222),
                new Step(third, List.of(f(":status", "200"), PRIVATE, DATE_22, LOCATION, GZIP, COOKIE),
                        List.of(COOKIE, GZIP, DATE_22), 215));
    }

    static final List<Step> C3 = requests(
            "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            "8286 84be 5808 6e6f 2d63 6163 6865",
            "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65");

    static final List<Step> C4 = requests(
            "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
            "8286 84be 5886 a8eb 1064 9cbf",
            "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf");

    static final List<Step> C5 = responses(
            "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133"
                    + " 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            "4803 3330 37c1 c0bf",
            "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a"
                    + " 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b"
                    + " 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31");

    static final List<Step> C6 = responses(
            "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d"
                    + " 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
            "4883 640e ffc1 c0bf",
            "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d"
                    + " d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5"
                    + " b106 3d50 07");

    static List<HeaderField> tableOf(DynamicTable t) {
        List<HeaderField> entries = new ArrayList<>();
        for (int i = 1; i <= t.length(); i++) {
            entries.add(f(t.name(i), t.value(i)));
        }
        return entries;
    }

    /** Decodes the steps on one decoder whose table is {@code tableSize}, checking each. */
    static void decodeAll(List<Step> steps, int tableSize) throws HpackException {
        HpackDecoder decoder = new HpackDecoder();
        decoder.table().setMaxSize(tableSize); // as if the peer had sent the update (Appendix C starts there)
        decoder.setMaxTableSizeSetting(tableSize);
        for (Step step : steps) {
            byte[] block = Hex.bytes(step.hex());
            assertEquals(step.fields(), decoder.decode(block, 0, block.length), step.hex());
            assertEquals(step.table(), tableOf(decoder.table()), "table after " + step.hex());
            assertEquals(step.tableSize(), decoder.table().size(), "table size after " + step.hex());
        }
    }

    /** Encodes the steps' fields on one encoder, expecting the RFC's bytes and tables. */
    static void encodeAll(List<Step> steps, int tableSize, boolean huffman) {
        HpackEncoder encoder = new HpackEncoder(Integer.MAX_VALUE, huffman);
        encoder.setPeerMaxTableSize(tableSize);
        encoder.table().setMaxSize(tableSize); // the RFC's blocks carry no size update
        for (Step step : steps) {
            int len = encoder.encode(step.fields());
            assertEquals(step.hex().replace(" ", ""), Hex.of(encoder.buffer(), 0, len));
            assertEquals(step.table(), tableOf(encoder.table()));
            assertEquals(step.tableSize(), encoder.table().size());
        }
    }

    @Test
    void c2LiteralRepresentations() throws HpackException {
        HpackDecoder decoder = new HpackDecoder();
        List<String> seen = new ArrayList<>();
        FieldSink sink = (n, v, r) -> seen.add(n + ": " + v + " " + r);
        byte[] c21 = Hex.bytes("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");
        decoder.decode(c21, 0, c21.length, sink);
        assertEquals(List.of(f("custom-key", "custom-header")), tableOf(decoder.table()));
        assertEquals(55, decoder.table().size());
        HpackDecoder d2 = new HpackDecoder();
        byte[] c22 = Hex.bytes("040c 2f73 616d 706c 652f 7061 7468");
        d2.decode(c22, 0, c22.length, sink);
        byte[] c23 = Hex.bytes("1008 7061 7373 776f 7264 0673 6563 7265 74");
        d2.decode(c23, 0, c23.length, sink);
        byte[] c24 = Hex.bytes("82");
        d2.decode(c24, 0, c24.length, sink);
        assertEquals(0, d2.table().length(), "C.2.2 to C.2.4 add nothing to the table");
        assertEquals(List.of("custom-key: custom-header INCREMENTAL_INDEXING", ":path: /sample/path WITHOUT_INDEXING",
                "password: secret NEVER_INDEXED", ":method: GET INDEXED"), seen);
    }

    @Test
    void c2EncoderSendsASensitiveFieldNeverIndexedAndAStaticMatchAsAnIndex() {
        HpackEncoder encoder = new HpackEncoder(Integer.MAX_VALUE, false);
        encoder.startBlock();
        encoder.addField("password", "secret", true);
        assertEquals("100870617373776f726406736563726574", Hex.of(encoder.buffer(), 0, encoder.length()));
        encoder.startBlock();
        encoder.addField(":method", "GET", false);
        assertEquals("82", Hex.of(encoder.buffer(), 0, encoder.length()));
        assertEquals(0, encoder.table().length());
    }

    @Test
    void c3RequestsWithoutHuffman() throws HpackException {
        decodeAll(C3, 4096);
        encodeAll(C3, 4096, false);
    }

    @Test
    void c4RequestsWithHuffman() throws HpackException {
        decodeAll(C4, 4096);
        encodeAll(C4, 4096, true);
    }

    @Test
    void c5ResponsesWithoutHuffmanEvicting() throws HpackException {
        decodeAll(C5, 256);
        encodeAll(C5, 256, false);
    }

    @Test
    void c6ResponsesWithHuffmanEvicting() throws HpackException {
        decodeAll(C6, 256);
        encodeAll(C6, 256, true);
    }

    @Test
    void neverIndexedFlagReachesTheSink() throws HpackException {
        HpackEncoder encoder = new HpackEncoder();
        encoder.startBlock();
        encoder.addField("authorization", "Bearer abc", false);
        encoder.addField("cookie", "short=1", false);
        encoder.addField("cookie", "a-long-cookie-value-of-more-than-twenty", false);
        encoder.addField("proxy-authorization", "Basic eA==", false);
        encoder.addField("x-secret", "s", true);
        List<Representation> reps = new ArrayList<>();
        new HpackDecoder().decode(encoder.buffer(), 0, encoder.length(), (n, v, r) -> reps.add(r));
        assertEquals(List.of(Representation.NEVER_INDEXED, Representation.NEVER_INDEXED,
                Representation.INCREMENTAL_INDEXING, Representation.NEVER_INDEXED, Representation.NEVER_INDEXED), reps);
        assertEquals(List.of(f("cookie", "a-long-cookie-value-of-more-than-twenty")), tableOf(encoder.table()));
    }
}
