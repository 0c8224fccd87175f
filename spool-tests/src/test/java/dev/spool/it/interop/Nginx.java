package dev.spool.it.interop;

import dev.spool.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real nginx (Debian's {@code nginx-light}) on 127.0.0.1 for the interop tests, with a config
 * generated under {@code target/interop}: static files, a gzip location (its responses are
 * compressed on the fly and so sent chunked), redirects, WebDAV PUT for uploads, and every response
 * carrying {@code X-Conn: $connection} (nginx's serial number of the TCP connection) and
 * {@code X-Conn-Requests}, so tests can see which connection served them; beside it, HTTP/2 servers
 * (h2c and h2 over TLS) for {@link H2Checks}.
 */
public final class Nginx implements AutoCloseable {
    /** Where nginx is looked for, after the {@code spool.interop.nginx} system property. */
    static final List<String> NGINX = List.of("/usr/sbin/nginx", "nginx");
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The text of {@code /hello.txt}. */
    public static final String HELLO = "Hello from nginx\n";
    /** Size of {@code /big.bin}, whose byte i is {@link #bigByte(int)}. */
    public static final int BIG_SIZE = 1 << 20;

    private final ExternalServer server;
    private final Path root;
    /**
     * The HTTP/2 servers of the same nginx: h2c (prior knowledge) and h2 over TLS, each also as one
     * that says GOAWAY every 50 requests ({@code keepalive_requests 50}).
     */
    private final H2Ports h2c;
    private final H2Ports h2tls;
    private final SelfSignedCertificate cert;

    /** The ports of one kind of HTTP/2 server: the plain one and the one that says GOAWAY every 50 requests. */
    record H2Ports(int port, int goAwayPort) {
        static H2Ports free() throws IOException {
            return new H2Ports(ExternalServer.freePort(), ExternalServer.freePort());
        }
    }

    private Nginx(ExternalServer server, Path root, H2Ports h2c, H2Ports h2tls, SelfSignedCertificate cert) {
        this.server = server;
        this.root = root;
        this.h2c = h2c;
        this.h2tls = h2tls;
        this.cert = cert;
    }

    /** Byte {@code i} of {@code /big.bin}. */
    public static byte bigByte(int i) {
        return (byte) (i * 31 + (i >>> 8));
    }

    /** A line of the compressible text served under {@code /gzip/}. */
    public static String textLine(int i) {
        return "line " + i + " of a text that nginx compresses on the fly\n";
    }

    /** How many {@link #textLine} lines {@code /gzip/text.txt} has. */
    public static final int TEXT_LINES = 5000;

    static String missing() {
        return Interop.executable("spool.interop.nginx", NGINX) == null ? "nginx (Debian package nginx-light)" : null;
    }

    static Nginx start() throws IOException {
        Path nginx = Interop.executable("spool.interop.nginx", NGINX);
        Path dir = Interop.workDir("nginx");
        Path root = dir.resolve("www");
        Files.createDirectories(root.resolve("gzip"));
        Files.createDirectories(root.resolve("upload"));
        for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(dir.resolve("tmp").resolve(t));
        }
        Files.writeString(root.resolve("hello.txt"), HELLO);
        byte[] big = new byte[BIG_SIZE];
        for (int i = 0; i < big.length; i++) {
            big[i] = bigByte(i);
        }
        Files.write(root.resolve("big.bin"), big);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < TEXT_LINES; i++) {
            text.append(textLine(i));
        }
        Files.writeString(root.resolve("gzip").resolve("text.txt"), text);
        H2Checks.writePattern(root.resolve("pattern.bin"));
        SelfSignedCertificate cert = SelfSignedCertificate.localhost();
        Pem.write(cert, dir.resolve("cert.pem"), dir.resolve("key.pem"));
        for (int attempt = 1; ; attempt++) {
            int port = ExternalServer.freePort();
            H2Ports h2c = H2Ports.free();
            H2Ports h2tls = H2Ports.free();
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config(dir, root, port, h2c, h2tls), StandardCharsets.UTF_8);
            List<String> command = List.of(nginx.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                    "-c", conf.toString());
            try {
                return new Nginx(ExternalServer.start("nginx", command, dir, port, "/hello.txt", START_TIMEOUT), root,
                        h2c, h2tls, cert);
            } catch (ExternalServer.StartFailure e) {
                String errors = Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
                if (!(e.portTaken || errors.contains("Address already in use")) || attempt == 3) {
                    throw new ExternalServer.StartFailure(e.getMessage() + "\nerror.log:\n" + errors, false);
                }
            }
        }
    }

    /** The generated config: one server on 127.0.0.1, everything under {@code dir}. */
    static String config(Path dir, Path root, int port, H2Ports h2c, H2Ports h2tls) {
        // Run as root, nginx would switch its workers to "nobody", who may not read our files.
        boolean root0 = "root".equals(System.getProperty("user.name"));
        return "# Generated by the interop tests (dev.spool.it.interop.Nginx); loopback only.\n"
                + "daemon off;\n"
                + "worker_processes 1;\n"
                + (root0 ? "user root root;\n" : "")
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " warn;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + "  access_log " + dir.resolve("access.log") + ";\n"
                + "  client_body_temp_path " + dir.resolve("tmp/client_body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";\n"
                + "  types { text/plain txt; application/octet-stream bin; }\n"
                + "  default_type application/octet-stream;\n"
                + "  keepalive_timeout 60s;\n"
                + "  keepalive_requests 10000;\n"
                + "  server {\n"
                + "    listen 127.0.0.1:" + port + ";\n"
                + "    server_name localhost;\n"
                + "    root " + root + ";\n"
                + "    add_header X-Conn $connection always;\n"
                + "    add_header X-Conn-Requests $connection_requests always;\n"
                + "    location / { }\n"
                + "    location /gzip/ {\n"
                + "      gzip on; gzip_min_length 1; gzip_types text/plain; gzip_vary on;\n"
                + "    }\n"
                + "    location /upload/ {\n"
                + "      dav_methods PUT DELETE; create_full_put_path on; client_max_body_size 16m;\n"
                + "    }\n"
                + "    location = /redirect/relative { absolute_redirect off; return 302 /hello.txt; }\n"
                + "    location = /redirect/absolute { return 301 http://127.0.0.1:" + port + "/hello.txt; }\n"
                + "    location = /redirect/loop { absolute_redirect off; return 302 /redirect/loop; }\n"
                + "    location = /teapot { return 418 \"short and stout\\n\"; }\n"
                + "  }\n"
                + h2Server(root, h2c.port(), 10000, null)
                + h2Server(root, h2c.goAwayPort(), 50, null)
                + h2Server(root, h2tls.port(), 10000, dir)
                + h2Server(root, h2tls.goAwayPort(), 50, dir)
                + "}\n";
    }

    /**
     * An HTTP/2 server over the same files, GOAWAY after {@code requests}: h2c (prior knowledge) or,
     * with {@code tlsDir} (holding cert.pem and key.pem), h2 over TLS. {@code /hello/<tag>} answers
     * {@code hello /hello/<tag>} (the {@link H2Checks} routes).
     */
    private static String h2Server(Path root, int port, int requests, Path tlsDir) {
        return "  server {\n"
                + "    listen 127.0.0.1:" + port + (tlsDir == null ? "" : " ssl") + " http2;\n"
                + (tlsDir == null ? "" : "    ssl_certificate " + tlsDir.resolve("cert.pem") + ";\n"
                        + "    ssl_certificate_key " + tlsDir.resolve("key.pem") + ";\n")
                + "    server_name localhost;\n"
                + "    root " + root + ";\n"
                + "    keepalive_requests " + requests + ";\n"
                + "    add_header X-Conn $connection always;\n"
                + "    location / { }\n"
                + "    location /hello/ { default_type text/plain; return 200 \"hello $uri\"; }\n"
                + "    location /upload/ {\n"
                + "      dav_methods PUT DELETE; create_full_put_path on; client_max_body_size 16m;\n"
                + "    }\n"
                + "  }\n";
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The URL of a path on this nginx. */
    public String url(String path) {
        return origin() + path;
    }

    /** A URL of the HTTP/2 (h2c) server; with {@code goAway}, the one that sends GOAWAY every 50 requests. */
    public String h2cUrl(String path, boolean goAway) {
        return "http://127.0.0.1:" + (goAway ? h2c.goAwayPort() : h2c.port()) + path;
    }

    /** A URL of the h2-over-TLS server; with {@code goAway}, the one that sends GOAWAY every 50 requests. */
    public String h2TlsUrl(String path, boolean goAway) {
        return "https://127.0.0.1:" + (goAway ? h2tls.goAwayPort() : h2tls.port()) + path;
    }

    /** The certificate of the TLS servers (self-signed, for 127.0.0.1 and localhost). */
    public SelfSignedCertificate certificate() {
        return cert;
    }

    /** The document root, where uploads land under {@code upload/}. */
    public Path root() {
        return root;
    }

    /** Stops nginx; its logs stay under {@code target/interop}, its 100 MiB {@code pattern.bin} does not. */
    @Override
    public void close() {
        server.close();
        try {
            Files.deleteIfExists(root.resolve("pattern.bin"));
        } catch (IOException e) {
            System.err.println("interop: could not delete " + root.resolve("pattern.bin") + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "nginx at " + origin() + " (log " + server.log() + ")";
    }
}
