package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one reason-phrase table, and responses built without a reason. */
class ReasonsTest {
    @Test
    void standardPhrases() {
        assertEquals("Early Hints", Reasons.of(103));
        assertEquals("OK", Reasons.of(200));
        assertEquals("Range Not Satisfiable", Reasons.of(416));
        assertEquals("Request Header Fields Too Large", Reasons.of(431));
        assertEquals("HTTP Version Not Supported", Reasons.of(505));
        assertEquals("", Reasons.of(299));
        assertEquals("", Reasons.of(0));
    }

    @Test
    void aResponseBuiltWithoutAReasonGetsTheStandardOne() {
        Request get = new Request("GET", Url.parse("http://h.example/"), null, null, null);
        assertEquals("Early Hints", Response.builder().request(get).status(103).build().reason());
        assertEquals("Teapot", Response.builder().request(get).status(418).reason("Teapot").build().reason());
    }
}
