package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.HttpStatusException;
import dev.spool.Response;
import dev.spool.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against a real nginx (Debian's nginx-light) with a generated config: static files, on-the-fly
 * gzip (sent chunked), ranges, redirects, uploads through WebDAV PUT, and connection reuse as
 * nginx itself counts it in {@code X-Conn} ({@code $connection}).
 */
@Tag("interop")
@Timeout(60)
@ExtendWith(NginxExtension.class)
class NginxInteropTest {
    static byte[] big() {
        byte[] b = new byte[Nginx.BIG_SIZE];
        for (int i = 0; i < b.length; i++) {
            b[i] = Nginx.bigByte(i);
        }
        return b;
    }

    @Test
    void staticFiles(Nginx nginx) {
        try (Session s = new Session()) {
            Response hello = s.get(nginx.url("/hello.txt"));
            assertEquals(Nginx.HELLO, hello.text());
            assertEquals(Integer.toString(Nginx.HELLO.length()), hello.header("Content-Length"));
            Response big = s.get(nginx.url("/big.bin"));
            assertArrayEquals(big(), big.bytes());
            assertEquals(0, s.head(nginx.url("/big.bin")).bytes().length);
        }
    }

    @Test
    void gzipOnTheFlyIsChunkedAndDecoded(Nginx nginx) {
        try (Session s = new Session();
             Response r = s.request("GET", nginx.url("/gzip/text.txt")).stream(true).send();
             Stream<String> lines = r.lines()) {
            assertEquals("gzip", r.header("Content-Encoding"));
            assertNull(r.header("Content-Length"), "compressed as it is sent: no length, chunked");
            List<String> all = lines.collect(Collectors.toList());
            assertEquals(Nginx.TEXT_LINES, all.size());
            assertEquals(Nginx.textLine(4321).strip(), all.get(4321));
        }
    }

    @Test
    void ranges(Nginx nginx) {
        try (Session s = new Session()) {
            Response r = s.request("GET", nginx.url("/big.bin")).header("Range", "bytes=1000-1999").send();
            assertEquals(206, r.status());
            assertEquals("bytes 1000-1999/" + Nginx.BIG_SIZE, r.header("Content-Range"));
            byte[] expected = java.util.Arrays.copyOfRange(big(), 1000, 2000);
            assertArrayEquals(expected, r.bytes());
        }
    }

    @Test
    void redirectResponsesWhenNotFollowed(Nginx nginx) {
        try (Session s = new Session()) {
            Response relative = s.request("GET", nginx.url("/redirect/relative")).allowRedirects(false).send();
            assertEquals(302, relative.status());
            assertTrue(relative.isRedirect());
            assertEquals("/hello.txt", relative.header("Location"));
            assertEquals(nginx.url("/hello.txt"), relative.httpUrl().resolve(relative.header("Location")).toString());
            Response absolute = s.request("GET", nginx.url("/redirect/absolute")).allowRedirects(false).send();
            assertEquals(301, absolute.status());
            assertEquals(nginx.url("/hello.txt"), absolute.header("Location"));
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void uploadsByPutChunkedAndWithALength(Nginx nginx) throws IOException {
        byte[] data = big();
        try (Session s = new Session()) {
            Response chunked = s.put(nginx.url("/upload/chunked.bin"), Body.stream(new ByteArrayInputStream(data)));
            assertEquals(201, chunked.status(), chunked::text);
            assertArrayEquals(data, Files.readAllBytes(nginx.root().resolve("upload/chunked.bin")),
                    "nginx stored exactly the bytes sent chunked");
            Response sized = s.put(nginx.url("/upload/sized.bin"), Body.bytes(data));
            assertEquals(201, sized.status());
            assertArrayEquals(data, s.get(nginx.url("/upload/sized.bin")).bytes());
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void errorStatuses(Nginx nginx) {
        try (Session s = new Session()) {
            Response missing = s.get(nginx.url("/no-such-file"));
            assertEquals(404, missing.status());
            HttpStatusException e = assertThrows(HttpStatusException.class, missing::raiseForStatus);
            assertEquals("404 Client Error: Not Found for url: " + nginx.url("/no-such-file"), e.getMessage());
            Response teapot = s.get(nginx.url("/teapot"));
            assertEquals(418, teapot.status());
            assertEquals("short and stout\n", teapot.text());
        }
    }

    @Test
    void aSessionReusesOneConnectionAsNginxCountsIt(Nginx nginx) throws IOException {
        List<String> conns = new ArrayList<>();
        try (Session s = new Session()) {
            for (int i = 0; i < 12; i++) {
                Response r;
                switch (i % 6) {
                    case 0: r = s.get(nginx.url("/hello.txt")); break;
                    case 1: r = s.get(nginx.url("/gzip/text.txt")); break;
                    case 2: r = s.request("GET", nginx.url("/big.bin")).header("Range", "bytes=0-9").send(); break;
                    case 3: r = s.get(nginx.url("/no-such-file")); break;
                    case 4: r = s.put(nginx.url("/upload/reuse.bin"), Body.stream(new ByteArrayInputStream(new byte[5000]))); break;
                    default: r = s.head(nginx.url("/big.bin")); break;
                }
                conns.add(r.header("X-Conn"));
                assertEquals(Integer.toString(i + 1), r.header("X-Conn-Requests"), "request " + i + " of the connection");
            }
            try (Response streamed = s.request("GET", nginx.url("/big.bin")).stream(true).send();
                 InputStream in = streamed.inputStream()) {
                in.readAllBytes();
                conns.add(streamed.header("X-Conn"));
            }
            assertEquals(1, conns.stream().distinct().count(), "nginx saw one connection: " + conns);
            assertEquals(1, s.poolStats().connectionsOpened());
        }
        try (Session other = new Session()) {
            assertNotEquals(conns.get(0), other.get(nginx.url("/hello.txt")).header("X-Conn"),
                    "another session is another connection: the header really tells connections apart");
        }
    }
}
