package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Headers;
import dev.spool.InvalidRequestException;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.transport.Transport;
import org.junit.jupiter.api.Test;

/** Transports are mounted by URL prefix, longest first, case-insensitive. */
class MountTest {
    /** A canned-response transport: the few lines a user writes for a test. */
    static Transport canned(String body) {
        return new Transport() {
            @Override
            public Response send(Request request) {
                return Response.builder().request(request).status(200)
                        .headers(Headers.of("Content-Type", "text/plain"))
                        .body(body.getBytes()).build();
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void longestPrefixWinsCaseInsensitively() {
        try (Session s = new Session()) {
            s.mount("https://api.example/", canned("api"));
            s.mount("HTTPS://api.example/v2/", canned("v2"));
            assertEquals("api", s.get("https://api.example/v1/x").text());
            assertEquals("v2", s.get("https://API.example/v2/x").text());
            assertEquals(0, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void aCustomSchemeNeedsAMountedTransport() {
        try (Session s = Session.builder().mount("mock://", canned("mocked")).build()) {
            assertEquals("mocked", s.get("mock://anything:1/x").text());
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> s.get("other://h:1/"));
            assertTrue(e.getMessage().contains("other://h:1/"), e.getMessage());
        }
    }
}
