package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Session;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What each kind of request body and query puts on the wire, as MockServer records it. */
@Timeout(30)
class RequestBodiesTest {
    @Test
    void paramsAreMergedWithTheUrlsQueryAndTheSessionsDefaults() {
        try (MockServer server = MockServer.start();
             Session s = Session.builder().param("key", "k&1").param("lang", "en").build()) {
            server.enqueue(new MockResponse());
            s.request("GET", server.url("/search?q=a%20b#frag"))
                    .param("page", "2").param("lang", null).param("tag", "x").param("tag", "caf\u00e9")
                    .send();
            RecordedRequest r = server.recordedRequests().get(0);
            assertEquals("/search?q=a%20b&key=k%261&page=2&tag=x&tag=caf%C3%A9", r.target(),
                    "URL query kept, session's key added, its lang removed, the fragment never sent");
        }
    }

    @Test
    void formAndJsonBodiesCarryTheirTypeAndLength() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse()).enqueue(new MockResponse());
            Map<String, String> form = new LinkedHashMap<>();
            form.put("name", "J\u00fcrgen M\u00fcller");
            form.put("note", "a+b=c&d");
            s.post(server.url("/form"), Body.form(form));
            s.post(server.url("/json"), Body.json(Map.of("k", List.of(1, "two"))));
            RecordedRequest f = server.recordedRequests().get(0);
            assertEquals("application/x-www-form-urlencoded", f.header("Content-Type"));
            assertEquals("name=J%C3%BCrgen+M%C3%BCller&note=a%2Bb%3Dc%26d", f.bodyText());
            assertEquals(Long.toString(f.bodySize()), f.header("Content-Length"));
            RecordedRequest j = server.recordedRequests().get(1);
            assertEquals("application/json", j.header("Content-Type"));
            assertEquals("{\"k\":[1,\"two\"]}", j.bodyText());
            assertEquals("15", j.header("Content-Length"));
        }
    }

    @Test
    void aMultipartBodyOfKnownPartsHasAContentLength(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.csv");
        Files.writeString(file, "a,b\n1,2\n");
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse());
            s.post(server.url("/upload"), Body.multipart().field("who", "me").file("report", file).build());
            RecordedRequest r = server.recordedRequests().get(0);
            assertFalse(r.chunked());
            assertEquals(Long.toString(r.bodySize()), r.header("Content-Length"));
            String ct = r.header("Content-Type");
            assertTrue(ct.startsWith("multipart/form-data; boundary="), ct);
            String boundary = ct.substring(ct.indexOf('=') + 1);
            assertEquals("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"who\"\r\n\r\nme\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"report\"; filename=\"report.csv\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\na,b\n1,2\n\r\n"
                    + "--" + boundary + "--\r\n", r.bodyText());
        }
    }

    @Test
    void aMultipartBodyWithAStreamedPartIsSentChunked() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse());
            byte[] data = new byte[50_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            s.post(server.url("/upload"), Body.multipart()
                    .file("blob", "blob.bin", new ByteArrayInputStream(data), "application/x-blob").build());
            RecordedRequest r = server.recordedRequests().get(0);
            assertTrue(r.chunked());
            assertNull(r.header("Content-Length"));
            byte[] body = r.body();
            String text = new String(body, StandardCharsets.ISO_8859_1);
            int start = text.indexOf("\r\n\r\n") + 4;
            byte[] received = java.util.Arrays.copyOfRange(body, start, start + data.length);
            assertArrayEquals(data, received);
        }
    }

    @Test
    void aFileBodyIsSentWithItsLength(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("payload.bin");
        byte[] data = new byte[70_000];
        java.util.Arrays.fill(data, (byte) 'z');
        Files.write(file, data);
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse());
            s.put(server.url("/file"), Body.file(file));
            RecordedRequest r = server.recordedRequests().get(0);
            assertEquals("70000", r.header("Content-Length"));
            assertEquals("application/octet-stream", r.header("Content-Type"));
            assertFalse(r.chunked());
            assertArrayEquals(data, r.body());
        }
    }

    @Test
    void aStreamBodyIsSentChunked() {
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            server.enqueue(new MockResponse());
            s.post(server.url("/stream"), Body.stream(new ByteArrayInputStream("streamed".getBytes(StandardCharsets.US_ASCII))));
            RecordedRequest r = server.recordedRequests().get(0);
            assertTrue(r.chunked());
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertEquals("streamed", r.bodyText());
        }
    }

    @Test
    void aBodilessRequestSendsContentLengthZeroExceptGetAndHead() {
        List<String> methods = List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "GET", "HEAD");
        try (MockServer server = MockServer.start(); Session s = new Session()) {
            for (int i = 0; i < methods.size(); i++) {
                server.enqueue(new MockResponse());
            }
            for (String m : methods) {
                s.request(m, server.url("/none")).send();
            }
            List<RecordedRequest> got = server.recordedRequests();
            for (int i = 0; i < methods.size(); i++) {
                RecordedRequest r = got.get(i);
                assertEquals(methods.get(i), r.method());
                boolean getOrHead = r.method().equals("GET") || r.method().equals("HEAD");
                assertEquals(getOrHead ? null : "0", r.header("Content-Length"), r.method());
                assertNull(r.header("Transfer-Encoding"), r.method());
            }
            assertEquals(1, server.connectionCount(), "all on one connection: the framing was right each time");
        }
    }
}
