package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Body;
import dev.spool.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies and queries read back by Jetty's own parsers (query, urlencoded form, multipart), so the
 * encoding is checked by code none of us wrote.
 */
@Timeout(60)
class JettyBodiesTest {
    static Server server;
    static ServerConnector connector;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  Callback callback) throws Exception {
                StringBuilder out = new StringBuilder();
                String path = request.getHttpURI().getPath();
                if (path.equals("/query")) {
                    for (Fields.Field f : org.eclipse.jetty.server.Request.extractQueryParameters(request)) {
                        out.append(f.getName()).append('=').append(f.getValues()).append('\n');
                    }
                } else if (path.equals("/form")) {
                    for (Fields.Field f : FormFields.getFields(request)) {
                        out.append(f.getName()).append('=').append(f.getValues()).append('\n');
                    }
                } else {
                    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
                    MultiPartConfig config = new MultiPartConfig.Builder().maxMemoryPartSize(Long.MAX_VALUE).build();
                    try (MultiPartFormData.Parts parts = MultiPartFormData.from(request, request, contentType, config)
                            .get(30, TimeUnit.SECONDS)) {
                        for (MultiPart.Part p : parts) {
                            out.append(p.getName()).append('|').append(p.getFileName()).append('|')
                                    .append(p.getHeaders().get(HttpHeader.CONTENT_TYPE)).append('|')
                                    .append(p.getContentAsString(StandardCharsets.UTF_8)).append('\n');
                        }
                    }
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                org.eclipse.jetty.io.Content.Sink.write(response, true, out.toString(), callback);
                return true;
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + connector.getLocalPort() + path;
    }

    @Test
    void jettyReadsOurQueryParameters() {
        try (Session s = Session.builder().param("s", "session").build()) {
            String echo = s.request("GET", url("/query?u=url+%2B"))
                    .param("a b", "c&d=e").param("r", "1").param("r", "2").param("e", "").param("\u00fc", "\u2603")
                    .send().text();
            assertEquals("u=[url +]\ns=[session]\na b=[c&d=e]\nr=[1, 2]\ne=[]\n\u00fc=[\u2603]\n", echo);
        }
    }

    @Test
    void jettyReadsOurForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "J\u00fcrgen");
        form.put("expr", "1+1=2 & more");
        form.put("empty", "");
        try (Session s = new Session()) {
            assertEquals("name=[J\u00fcrgen]\nexpr=[1+1=2 & more]\nempty=[]\n", s.post(url("/form"), Body.form(form)).text());
        }
    }

    @Test
    void jettyReadsOurMultipartParts(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r\u00e9sum\u00e9.txt");
        Files.writeString(file, "from disk");
        try (Session s = new Session()) {
            Body known = Body.multipart()
                    .field("title", "caf\u00e9")
                    .file("doc", file)
                    .file("mem", "notes.txt", "from memory".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8")
                    .build();
            assertEquals("title|null|null|caf\u00e9\n"
                    + "doc|r\u00e9sum\u00e9.txt|application/octet-stream|from disk\n"
                    + "mem|notes.txt|text/plain; charset=utf-8|from memory\n", s.post(url("/multipart"), known).text());
            Body streamed = Body.multipart()
                    .field("a", "1")
                    .file("s", "s.bin", new ByteArrayInputStream("from a stream".getBytes(StandardCharsets.UTF_8)), null)
                    .build();
            assertEquals("a|null|null|1\ns|s.bin|application/octet-stream|from a stream\n",
                    s.post(url("/multipart"), streamed).text(), "sent chunked, parsed the same");
        }
    }
}
