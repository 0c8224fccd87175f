package dev.spool.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * A few of httpbin's endpoints on an embedded Jetty, so that cookies, redirects and auth are checked
 * against a server none of us wrote: Jetty formats the Set-Cookie headers and parses the Cookie
 * header it echoes. Endpoints: {@code /cookies}, {@code /cookies/set?k=v}, {@code /cookies/delete?k},
 * {@code /relative-redirect/n}, {@code /absolute-redirect/n}, {@code /redirect-to?url=&status_code=},
 * {@code /anything} and {@code /basic-auth/user/pass}, each answering as httpbin does, in plain text.
 */
final class HttpbinJetty implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    final ConnectionStatistics stats = new ConnectionStatistics();

    HttpbinJetty() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.addBean(stats);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                route(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + connector.getLocalPort() + path;
    }

    long connectionsOpened() {
        return stats.getConnectionsTotal();
    }

    private void route(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        if (path.equals("/cookies")) {
            List<String> lines = new ArrayList<>();
            for (HttpCookie c : Request.getCookies(request)) {
                lines.add(c.getName() + "=" + c.getValue());
            }
            text(response, callback, 200, String.join("\n", lines));
        } else if (path.equals("/cookies/set")) {
            for (Fields.Field f : query) {
                Response.addCookie(response, HttpCookie.build(f.getName(), f.getValue()).path("/").build());
            }
            redirect(response, callback, 302, "/cookies");
        } else if (path.equals("/cookies/delete")) {
            for (Fields.Field f : query) {
                Response.addCookie(response, HttpCookie.build(f.getName(), "").path("/").maxAge(0).build());
            }
            redirect(response, callback, 302, "/cookies");
        } else if (path.startsWith("/relative-redirect/")) {
            int n = Integer.parseInt(path.substring("/relative-redirect/".length()));
            redirect(response, callback, 302, n <= 1 ? "/anything" : "/relative-redirect/" + (n - 1));
        } else if (path.startsWith("/absolute-redirect/")) {
            int n = Integer.parseInt(path.substring("/absolute-redirect/".length()));
            redirect(response, callback, 302, url(n <= 1 ? "/anything" : "/absolute-redirect/" + (n - 1)));
        } else if (path.equals("/redirect-to")) {
            String status = query.getValue("status_code");
            redirect(response, callback, status == null ? 302 : Integer.parseInt(status), query.getValue("url"));
        } else if (path.startsWith("/basic-auth/")) {
            String[] parts = path.split("/");
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((parts[2] + ":" + parts[3]).getBytes(StandardCharsets.UTF_8));
            if (expected.equals(request.getHeaders().get("Authorization"))) {
                text(response, callback, 200, "authenticated " + parts[2]);
            } else {
                response.getHeaders().put("WWW-Authenticate", "Basic realm=\"Fake Realm\"");
                text(response, callback, 401, "");
            }
        } else {
            // /anything: the method, target, headers and body as they arrived
            StringBuilder sb = new StringBuilder(request.getMethod()).append(' ')
                    .append(request.getHttpURI().getPathQuery()).append('\n');
            for (HttpField f : request.getHeaders()) {
                sb.append(f.getName()).append(": ").append(f.getValue()).append('\n');
            }
            try {
                sb.append('\n').append(Content.Source.asString(request, StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                callback.failed(e);
                return;
            }
            text(response, callback, 200, sb.toString());
        }
    }

    private static void redirect(Response response, Callback callback, int status, String location) {
        response.getHeaders().put("Location", location);
        text(response, callback, status, "redirecting to " + location);
    }

    private static void text(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
