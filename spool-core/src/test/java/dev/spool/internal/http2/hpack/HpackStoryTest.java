package dev.spool.internal.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The http2jp hpack-test-case corpus (a selection in {@code src/test/resources/.../hpack-test-case},
 * see its README): other implementations' encoded stories decode to their headers, with the dynamic
 * table carried across the cases of a story; the raw stories encode and decode back through ours.
 */
class HpackStoryTest {
    static final String ROOT = "hpack-test-case/";
    static final List<String> ENCODERS = List.of(
            "nghttp2", "nghttp2-change-table-size", "go-hpack", "node-http2-hpack", "python-hpack");
    static final List<String> STORIES = List.of("00", "01", "02", "03", "05", "24");
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode story(String dir, String story) throws IOException {
        String path = ROOT + dir + "/story_" + story + ".json";
        try (InputStream in = HpackStoryTest.class.getResourceAsStream(path)) {
            assertNotNull(in, "missing test resource " + path);
            return JSON.readTree(in);
        }
    }

    /** A case's headers, each string as HPACK carries it: one char per octet of its UTF-8. */
    static List<HeaderField> headers(JsonNode testCase) {
        List<HeaderField> fields = new ArrayList<>();
        for (JsonNode header : testCase.get("headers")) {
            Map.Entry<String, JsonNode> e = header.properties().iterator().next();
            fields.add(new HeaderField(octets(e.getKey()), octets(e.getValue().asText())));
        }
        return fields;
    }

    static String octets(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> encodedStories() {
        return ENCODERS.stream().flatMap(dir -> STORIES.stream().map(story -> Arguments.of(dir, story)));
    }

    @ParameterizedTest(name = "{0}/story_{1}")
    @MethodSource("encodedStories")
    void decodesAnotherImplementationsStory(String dir, String story) throws IOException {
        JsonNode cases = story(dir, story).get("cases");
        assertTrue(cases.size() > 0);
        HpackDecoder decoder = new HpackDecoder();
        for (JsonNode testCase : cases) {
            if (testCase.has("header_table_size")) {
                decoder.setMaxTableSizeSetting(testCase.get("header_table_size").asInt());
            }
            byte[] wire = Hex.bytes(testCase.get("wire").asText());
            assertEquals(headers(testCase), decoder.decode(wire, 0, wire.length),
                    dir + "/story_" + story + " case " + testCase.get("seqno"));
        }
    }

    static Stream<Arguments> rawStories() {
        return STORIES.stream().flatMap(story -> Stream.of(Arguments.of(story, 4096), Arguments.of(story, 256),
                Arguments.of(story, 0)));
    }

    /**
     * Ours round-trips every raw story, with tables of 4096, 256 and 0 bytes; with the default table
     * it compresses within 10% of nghttp2's encoding of the same story.
     */
    @ParameterizedTest(name = "raw-data/story_{0}, table {1}")
    @MethodSource("rawStories")
    void encodesRawStoriesAndDecodesThemBack(String story, int tableSize) throws IOException {
        JsonNode cases = story("raw-data", story).get("cases");
        HpackEncoder encoder = new HpackEncoder(tableSize, true);
        HpackDecoder decoder = new HpackDecoder();
        long ours = 0;
        for (JsonNode testCase : cases) {
            List<HeaderField> fields = headers(testCase);
            int len = encoder.encode(fields);
            ours += len;
            assertEquals(fields, decoder.decode(encoder.buffer(), 0, len), "raw-data/story_" + story);
            assertEquals(encoder.table().size(), decoder.table().size());
        }
        if (tableSize == 4096) {
            long nghttp2 = 0;
            for (JsonNode testCase : story("nghttp2", story).get("cases")) {
                nghttp2 += testCase.get("wire").asText().length() / 2;
            }
            assertTrue(ours <= nghttp2 * 1.1, "story_" + story + ": " + ours + " bytes, nghttp2 " + nghttp2);
        }
    }
}
