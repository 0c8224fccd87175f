package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real httpbin (Debian's python3-httpbin under gunicorn), which echoes what it received
 * as JSON: params, forms, JSON, multipart, headers, codings, status codes, streaming, chunked
 * uploads, and connection reuse. Redirect following, the cookie jar, auth strategies and retries
 * against httpbin and nginx are in {@link PipelineInteropTest}.
 */
@Tag("interop")
@Timeout(60)
@ExtendWith(HttpbinExtension.class)
class HttpbinInteropTest {
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Response r) {
        assertEquals(200, r.status(), () -> r + ": " + r.text());
        return (Map<String, Object>) r.json();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void queryParams(Httpbin httpbin) {
        try (Session s = Session.builder().param("session", "s").build()) {
            Map<String, Object> echo = json(s.request("GET", httpbin.url("/get?from=url"))
                    .param("a b", "c&d").param("r", "1").param("r", "2").param("empty", "").param("\u00fc", "\u2603")
                    .send());
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("from", "url");
            expected.put("session", "s");
            expected.put("a b", "c&d");
            expected.put("r", List.of("1", "2"));
            expected.put("empty", "");
            expected.put("\u00fc", "\u2603");
            assertEquals(expected, echo.get("args"));
        }
    }

    @Test
    void headersSessionDefaultsAndRemovals(Httpbin httpbin) {
        try (Session s = Session.builder().header("X-Session", "yes").header("X-Dropped", "no").build()) {
            Map<String, Object> headers = map(json(s.request("GET", httpbin.url("/headers"))
                    .header("X-Request", "r\u00e9").header("X-Dropped", null).send()).get("headers"));
            assertEquals("yes", headers.get("X-Session"));
            assertEquals("r\u00e9", headers.get("X-Request"), "an ISO-8859-1 value arrives as sent");
            assertFalse(headers.containsKey("X-Dropped"), "a null request header removes the session's");
            assertTrue(((String) headers.get("User-Agent")).startsWith("spool/"), headers.toString());
            assertEquals("gzip, deflate, br, zstd", headers.get("Accept-Encoding"));
        }
    }

    @Test
    void formBody(Httpbin httpbin) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "J\u00fcrgen");
        form.put("expr", "1+1=2 & more");
        try (Session s = new Session()) {
            Map<String, Object> echo = json(s.post(httpbin.url("/post"), Body.form(form)));
            assertEquals(form, echo.get("form"));
            assertEquals("application/x-www-form-urlencoded", map(echo.get("headers")).get("Content-Type"));
        }
    }

    @Test
    void jsonBody(Httpbin httpbin) {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("k", List.of(1, "two", true));
        sent.put("nested", Map.of("x", 1.5));
        try (Session s = new Session()) {
            Map<String, Object> echo = json(s.post(httpbin.url("/post"), Body.json(sent)));
            assertEquals(sent, echo.get("json"));
            assertEquals("application/json", map(echo.get("headers")).get("Content-Type"));
        }
    }

    @Test
    void multipartBody(Httpbin httpbin, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.csv");
        Files.writeString(file, "a,b\n1,2\n");
        try (Session s = new Session()) {
            Body known = Body.multipart()
                    .field("title", "caf\u00e9")
                    .file("report", file)
                    .file("notes", "notes.txt", "from memory".getBytes(StandardCharsets.UTF_8), "text/plain")
                    .build();
            Map<String, Object> echo = json(s.post(httpbin.url("/post"), known));
            assertEquals(Map.of("title", "caf\u00e9"), echo.get("form"));
            assertEquals(Map.of("report", "a,b\n1,2\n", "notes", "from memory"), echo.get("files"));
            Body streamed = Body.multipart()
                    .file("blob", "blob.txt", new ByteArrayInputStream("streamed part".getBytes(StandardCharsets.UTF_8)), null)
                    .build();
            Map<String, Object> chunked = json(s.post(httpbin.url("/post"), streamed));
            assertEquals(Map.of("blob", "streamed part"), chunked.get("files"));
            assertEquals("chunked", map(chunked.get("headers")).get("Transfer-Encoding"));
        }
    }

    @Test
    void chunkedUpload(Httpbin httpbin) {
        String text = "chunk ".repeat(10_000);
        try (Session s = new Session()) {
            Map<String, Object> echo = json(s.post(httpbin.url("/post"),
                    Body.stream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "text/plain")));
            assertEquals(text, echo.get("data"), "gunicorn's threaded worker reads chunked request bodies");
            assertEquals("chunked", map(echo.get("headers")).get("Transfer-Encoding"));
        }
    }

    @Test
    void bodilessMethodsSendContentLengthZero(Httpbin httpbin) {
        try (Session s = new Session()) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                Map<String, Object> echo = json(s.request(method, httpbin.url("/anything")).send());
                assertEquals(method, echo.get("method"));
                assertEquals("0", map(echo.get("headers")).get("Content-Length"), method);
            }
            Map<String, Object> get = json(s.get(httpbin.url("/anything")));
            assertNull(map(get.get("headers")).get("Content-Length"));
        }
    }

    @Test
    void gzipDeflateAndBrotliFromTheServer(Httpbin httpbin) {
        try (Session s = new Session()) {
            Response gzip = s.get(httpbin.url("/gzip"));
            assertEquals("gzip", gzip.header("Content-Encoding"));
            assertEquals(true, json(gzip).get("gzipped"));
            Response deflate = s.get(httpbin.url("/deflate"));
            assertEquals("deflate", deflate.header("Content-Encoding"));
            assertEquals(true, json(deflate).get("deflated"));
            Response brotli = s.get(httpbin.url("/brotli"));
            assertEquals("br", brotli.header("Content-Encoding"));
            assertEquals(true, json(brotli).get("brotli"));
        }
    }

    @Test
    void statusCodesAndRaiseForStatus(Httpbin httpbin) {
        try (Session s = new Session()) {
            Response teapot = s.get(httpbin.url("/status/418"));
            assertEquals(418, teapot.status());
            assertTrue(teapot.text().contains("teapot"), teapot.text());
            HttpStatusException e = assertThrows(HttpStatusException.class, teapot::raiseForStatus);
            assertEquals("418 Client Error: I'M A TEAPOT for url: " + httpbin.url("/status/418"), e.getMessage());
            HttpStatusException server = assertThrows(HttpStatusException.class,
                    () -> s.get(httpbin.url("/status/503")).raiseForStatus());
            assertTrue(server.getMessage().startsWith("503 Server Error: SERVICE UNAVAILABLE for url: "), server.getMessage());
            Response noContent = s.get(httpbin.url("/status/204"));
            assertEquals(204, noContent.status());
            assertEquals(0, noContent.bytes().length);
            assertEquals(1, s.poolStats().connectionsOpened(), "error statuses keep the connection");
        }
    }

    @Test
    void streamedJsonLines(Httpbin httpbin) {
        try (Session s = new Session();
             Response r = s.request("GET", httpbin.url("/stream/20")).stream(true).send();
             Stream<String> lines = r.lines()) {
            List<String> all = lines.collect(Collectors.toList());
            assertEquals(20, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertTrue(all.get(i).contains("\"id\": " + i), all.get(i));
            }
        }
    }

    @Test
    void streamedBytesAreChunkedAndComplete(Httpbin httpbin) throws IOException {
        try (Session s = new Session()) {
            Response whole = s.get(httpbin.url("/stream-bytes/100000?seed=7&chunk_size=1000"));
            assertEquals(100_000, whole.bytes().length);
            try (Response r = s.request("GET", httpbin.url("/stream-bytes/100000?seed=7&chunk_size=1000")).stream(true).send();
                 InputStream in = r.inputStream()) {
                assertNull(r.header("Content-Length"), "sent chunked");
                assertArrayEquals(whole.bytes(), in.readAllBytes(), "the same seed gives the same bytes");
            }
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void rangeRequests(Httpbin httpbin) {
        try (Session s = new Session()) {
            Response r = s.request("GET", httpbin.url("/range/100")).header("Range", "bytes=10-19").send();
            assertEquals(206, r.status());
            assertEquals("bytes 10-19/100", r.header("Content-Range"));
            assertEquals("klmnopqrst", r.text());
        }
    }

    @Test
    void redirectResponsesWhenNotFollowed(Httpbin httpbin) {
        try (Session s = new Session()) {
            Response relative = s.request("GET", httpbin.url("/relative-redirect/3")).allowRedirects(false).send();
            assertEquals(302, relative.status());
            assertTrue(relative.isRedirect());
            assertEquals("/relative-redirect/2", relative.header("Location"));
            assertEquals(httpbin.url("/relative-redirect/2"),
                    relative.httpUrl().resolve(relative.header("Location")).toString());
            Response absolute = s.request("GET", httpbin.url("/absolute-redirect/3")).allowRedirects(false).send();
            assertTrue(absolute.isRedirect());
            assertEquals(httpbin.url("/absolute-redirect/2"), absolute.header("Location"));
            assertEquals(1, s.poolStats().connectionsOpened(), "redirect bodies were read and the connection kept");
        }
    }

    @Test
    void basicAuthAndCookiesByHand(Httpbin httpbin) {
        try (Session s = new Session()) {
            assertEquals(401, s.get(httpbin.url("/basic-auth/user/secret")).status());
            String token = Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));
            Map<String, Object> ok = json(s.request("GET", httpbin.url("/basic-auth/user/secret"))
                    .header("Authorization", "Basic " + token).send());
            assertEquals(Map.of("authenticated", true, "user", "user"), ok);
            Response set = s.request("GET", httpbin.url("/cookies/set?flavour=oat")).allowRedirects(false).send();
            assertEquals("flavour=oat; Path=/", set.header("Set-Cookie"));
            Map<String, Object> cookies = json(s.request("GET", httpbin.url("/cookies"))
                    .header("Cookie", "flavour=oat; size=big").send());
            assertEquals(Map.of("flavour", "oat", "size", "big"), cookies.get("cookies"));
        }
    }

    @Test
    void aSessionReusesOneConnection(Httpbin httpbin) {
        try (Session s = new Session()) {
            for (int i = 0; i < 10; i++) {
                Response r = i % 2 == 0 ? s.get(httpbin.url("/get?i=" + i)) : s.post(httpbin.url("/post"), Body.text("x" + i));
                assertEquals(200, r.status());
                assertEquals(1, r.connection().number(), "request " + i + " on connection 1");
                assertEquals(i > 0, r.connection().reused(), "request " + i);
            }
            assertEquals(1, s.poolStats().connectionsOpened(), "gunicorn kept the connection open: " + httpbin.logTail());
            assertEquals(1, s.poolStats().idle());
        }
    }
}
